// The one reading of schedule expressions: EventBridge rules' and Application Auto Scaling's.
import { ruleScheduleExpression, scheduledActionExpression } from "../../../constructs/shared/schedule";

const FORMS = "cron(<minutes> <hours> <day of month> <month> <day of week> <year>) or rate(<value> <unit>)";

describe("schedule expressions", () => {
  it.each([
    "cron(0 3 * * ? *)",
    "cron(*/2 * * * ? *)",
    "cron(0 9 ? * MON-FRI *)",
    "cron(15 10 L * ? 2027)",
    "rate(1 minute)",
    "rate(2 minutes)",
    "rate(1 hour)",
    "rate(12 hours)",
    "rate(1 day)",
    "rate(7 days)",
  ])("an EventBridge rule takes %s", (expression) => {
    expect(ruleScheduleExpression(expression)).toBeUndefined();
  });

  it.each<[string, string, string]>([
    [
      "Unix's five fields",
      "cron(0 3 * * ?)",
      "must have six fields in cron(<minutes> <hours> <day of month> <month> <day of week> <year>), not 5",
    ],
    [
      "seven fields",
      "cron(0 0 3 * * ? *)",
      "must have six fields in cron(<minutes> <hours> <day of month> <month> <day of week> <year>), not 7",
    ],
    [
      "no field",
      "cron()",
      "must have six fields in cron(<minutes> <hours> <day of month> <month> <day of week> <year>), not 0",
    ],
    [
      "both day fields set",
      "cron(0 3 * * MON *)",
      "must have ? in exactly one of its day-of-month and day-of-week fields (cron(0 3 * * ? *): every day at 03:00)",
    ],
    [
      "neither day field set",
      "cron(0 3 ? * ? *)",
      "must have ? in exactly one of its day-of-month and day-of-week fields (cron(0 3 * * ? *): every day at 03:00)",
    ],
    ["a plural unit for 1", "rate(1 minutes)", "must have a singular unit for 1: rate(1 minute)"],
    ["a singular unit above 1", "rate(2 minute)", "must have a plural unit above 1: rate(2 minutes)"],
    ["a singular day above 1", "rate(3 day)", "must have a plural unit above 1: rate(3 days)"],
    ["a unit rate() does not take", "rate(2 weeks)", "must have a unit of minute(s), hour(s) or day(s) in rate()"],
    ["seconds", "rate(30 seconds)", "must have a unit of minute(s), hour(s) or day(s) in rate()"],
    ["a value of 0", "rate(0 minutes)", "must have a value of 1 or more in rate()"],
    ["a negative value", "rate(-1 minutes)", "must be rate(<value> <unit>) with a whole number, e.g. rate(5 minutes)"],
    ["a fraction", "rate(1.5 hours)", "must be rate(<value> <unit>) with a whole number, e.g. rate(5 minutes)"],
    ["no unit", "rate(5)", "must be rate(<value> <unit>) with a whole number, e.g. rate(5 minutes)"],
    [
      "a one-time schedule",
      "at(2027-01-01T00:00:00)",
      `must be ${FORMS}: EventBridge rules have no one-time at() schedule`,
    ],
    ["a Unix crontab line", "0 3 * * *", `must be ${FORMS}`],
    ["upper case", "CRON(0 3 * * ? *)", `must be ${FORMS}`],
    ["an empty string", "", `must be ${FORMS}`],
  ])("an EventBridge rule refuses %s: %s", (_, expression, rule) => {
    expect(ruleScheduleExpression(expression)).toBe(rule);
  });

  it.each([["at(2027-01-01T00:00:00)"], ["cron(0 22 * * ? *)"], ["rate(1 hour)"]])(
    "a scheduled action takes %s",
    (expression) => {
      expect(scheduledActionExpression(expression)).toBeUndefined();
    },
  );

  it.each<[string, string]>([
    ["at(2027-01-01)", "must be at(yyyy-mm-ddThh:mm:ss)"],
    ["rate(1 days)", "must have a singular unit for 1: rate(1 day)"],
    [
      "every night",
      "must be cron(<minutes> <hours> <day of month> <month> <day of week> <year>), rate(<value> <unit>) or at(yyyy-mm-ddThh:mm:ss)",
    ],
  ])("a scheduled action refuses %s", (expression, rule) => {
    expect(scheduledActionExpression(expression)).toBe(rule);
  });
});
