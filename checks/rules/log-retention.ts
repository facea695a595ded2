// A log group that never expires keeps every line forever, and its cost grows without bound.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
import { CheckRule, isReference } from "../rule";

export const logRetention: CheckRule = {
  id: "log-retention",
  title: "a log group expires its logs",
  types: ["aws_cloudwatch_log_group"],
  check({ args }) {
    const days = args.retention_in_days;
    if (isReference(days) || (typeof days === "number" && days > 0)) return [];
    return [
      {
        message: "the log group keeps its logs forever (no retention)",
        fix: "set `retentionInDays` (the note's 180, or 365 and more where an audit needs it)",
      },
    ];
  },
};
