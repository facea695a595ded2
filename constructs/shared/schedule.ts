// Schedule expressions, read once for every construct that takes one: EventBridge rules take
// `cron()` and `rate()`; Application Auto Scaling's scheduled actions take those and a one-time
// `at()`. Each mistake is named by what is wrong (a field count, a unit, a value), not by a
// pattern the reader has to diff against.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
// https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html
import { Rule } from "./validation";

const CRON = "cron(<minutes> <hours> <day of month> <month> <day of week> <year>)";
const RATE = "rate(<value> <unit>)";
const AT = "at(yyyy-mm-ddThh:mm:ss)";
const RATE_UNITS = ["minute", "hour", "day"] as const;

/** `cron(...)`: six fields, and `?` in exactly one of the two day fields (a day of the month, or of the week). */
function cronRule(fields: string): string | undefined {
  const parts = fields.trim() === "" ? [] : fields.trim().split(/\s+/);
  if (parts.length !== 6) return `must have six fields in ${CRON}, not ${parts.length}`;
  const [, , dayOfMonth, , dayOfWeek] = parts;
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    return "must have ? in exactly one of its day-of-month and day-of-week fields (cron(0 3 * * ? *): every day at 03:00)";
  }
  return undefined;
}

/** `rate(<value> <unit>)`: a whole number from 1, then minute, hour or day, singular for 1 and plural above. */
function rateRule(body: string): string | undefined {
  const parts = body.trim().split(/\s+/);
  const [value = "", unit = ""] = parts;
  if (parts.length !== 2 || !/^\d+$/.test(value)) return `must be ${RATE} with a whole number, e.g. rate(5 minutes)`;
  const count = Number(value);
  if (count < 1) return "must have a value of 1 or more in rate()";
  const singular = unit.replace(/s$/, "");
  if (!(RATE_UNITS as readonly string[]).includes(singular)) {
    return "must have a unit of minute(s), hour(s) or day(s) in rate()";
  }
  if (count === 1 && unit !== singular) return `must have a singular unit for 1: rate(1 ${singular})`;
  if (count > 1 && unit === singular) return `must have a plural unit above 1: rate(${count} ${singular}s)`;
  return undefined;
}

/** The rule of a schedule expression: `cron()` or `rate()`, and `at()` where a one-time schedule is taken. */
function scheduleRule(oneTime: boolean): Rule<string> {
  const forms = oneTime ? `${CRON}, ${RATE} or ${AT}` : `${CRON} or ${RATE}`;
  return (value) => {
    if (typeof value !== "string") return `must be ${forms}`;
    const [, kind, body = ""] = /^(cron|rate|at)\((.*)\)$/.exec(value) ?? [];
    if (kind === "cron") return cronRule(body);
    if (kind === "rate") return rateRule(body);
    if (kind === "at" && oneTime) {
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(body) ? undefined : `must be ${AT}`;
    }
    if (kind === "at") return `must be ${forms}: EventBridge rules have no one-time at() schedule`;
    return `must be ${forms}`;
  };
}

/** An EventBridge rule's `schedule_expression`: `cron()` or `rate()`, read in UTC (a rule has no time zone). */
export const ruleScheduleExpression: Rule<string> = scheduleRule(false);

/** An Application Auto Scaling scheduled action's `schedule`: `cron()`, `rate()` or a one-time `at()`. */
export const scheduledActionExpression: Rule<string> = scheduleRule(true);
