import { logRetention } from "../../../checks/rules/log-retention";

const check = (args: Record<string, unknown>) =>
  logRetention.check({ mode: "resource", type: "aws_cloudwatch_log_group", args });

describe("log-retention", () => {
  it.each([1, 180, 3653])("passes a retention of %i days", (days) => {
    expect(check({ name: "/ecs/example", retention_in_days: days })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ["no retention", { name: "/ecs/example" }],
    ["a retention of 0 (never expire)", { name: "/ecs/example", retention_in_days: 0 }],
  ])("flags %s", (_, args) => {
    expect(check(args)).toEqual([
      {
        message: "the log group keeps its logs forever (no retention)",
        fix: "set `retentionInDays` (the note's 180, or 365 and more where an audit needs it)",
      },
    ]);
  });
});
