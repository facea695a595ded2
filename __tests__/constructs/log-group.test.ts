// The one log group construct: the containers' (the note's for_ecs), the VPC's flow logs' and the
// web ACL's request logs'.
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { LogGroup, LogGroupProps } from "../../constructs/log-group";
import { CLOUDWATCH_LOG_RETENTION_DAYS } from "../../constructs/shared/rules";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../helpers/synth";

describe("LogGroup", () => {
  const build = (props: Partial<LogGroupProps> = {}) => {
    const stack = testStack();
    const logGroup = new LogGroup(stack, "logs", { name: "/ecs/example", ...props });
    return { stack, logGroup, json: synthJson(stack) };
  };

  it("is the note's aws_cloudwatch_log_group.for_ecs, kept 180 days by default", () => {
    const { stack, logGroup, json } = build();
    expect(addresses(json)).toEqual(["aws_cloudwatch_log_group.for_ecs"]);
    expect(resource(json, "aws_cloudwatch_log_group", "for_ecs")).toEqual({
      name: "/ecs/example",
      retention_in_days: 180,
    });
    expect(resolved(stack, logGroup.logGroupName)).toBe("${aws_cloudwatch_log_group.for_ecs.name}");
    expect(validationErrors(stack)).toEqual([]);
  });

  it("encrypts with the KMS key it is given", () => {
    const kmsKeyArn = "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const { stack, json } = build({ kmsKeyArn });
    expect(resource(json, "aws_cloudwatch_log_group", "for_ecs")).toEqual({
      name: "/ecs/example",
      retention_in_days: 180,
      kms_key_id: kmsKeyArn,
    });
    expect(validationErrors(stack)).toEqual([]);
  });

  it("takes a KMS key known only at apply", () => {
    const stack = testStack();
    const key = new KmsKey(stack, "key", {});
    new LogGroup(stack, "logs", { name: "/ecs/example", kmsKeyArn: key.arn });
    expect(resource(synthJson(stack), "aws_cloudwatch_log_group", "for_ecs").kms_key_id).toBe("${aws_kms_key.key.arn}");
    expect(validationErrors(stack)).toEqual([]);
  });

  it("takes a second log group under its own address", () => {
    const stack = testStack();
    new LogGroup(stack, "logs", { name: "/ecs/example" });
    new LogGroup(stack, "audit", { name: "/ecs/audit" });
    expect(addresses(synthJson(stack))).toEqual(["aws_cloudwatch_log_group.audit", "aws_cloudwatch_log_group.for_ecs"]);
  });

  it("takes the name its owner gives it, and leaves the note's for_ecs to the first log group without one", () => {
    const stack = testStack();
    const flowLogs = new LogGroup(stack, "flow_log_group", { name: "/vpc/flow-logs", terraformName: "flow_log" });
    new LogGroup(stack, "logs", { name: "/ecs/example" });
    expect(addresses(synthJson(stack))).toEqual([
      "aws_cloudwatch_log_group.flow_log",
      "aws_cloudwatch_log_group.for_ecs",
    ]);
    expect(resolved(stack, flowLogs.logGroupArn)).toBe("${aws_cloudwatch_log_group.flow_log.arn}");
    expect(validationErrors(stack)).toEqual([]);
  });

  it("rejects the note's name asked for by a second log group", () => {
    const stack = testStack();
    new LogGroup(stack, "logs", { name: "/ecs/example" });
    new LogGroup(stack, "audit", { name: "/ecs/audit", terraformNames: "note" });
    expect(validationErrors(stack)).toEqual([
      'test/audit: `terraformNames` must be "own": test/logs already has the note\'s addresses, got: "note"',
    ]);
  });

  it.each([...CLOUDWATCH_LOG_RETENTION_DAYS])("accepts a retention of %i days", (days) => {
    expect(validationErrors(build({ retentionInDays: days }).stack)).toEqual([]);
  });

  it.each<[string, Partial<LogGroupProps>, string]>([
    [
      "a retention CloudWatch does not offer",
      { retentionInDays: 100 },
      "test/logs: `retentionInDays` must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got: 100",
    ],
    [
      "a name with a space",
      { name: "/ecs/my app" },
      'test/logs: `name` must be 1 to 512 characters of letters, digits and ._-/#, got: "/ecs/my app"',
    ],
    [
      "a KMS alias instead of a key",
      { kmsKeyArn: "arn:aws:kms:ap-northeast-1:123456789012:alias/logs" },
      'test/logs: `kmsKeyArn` must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), not an alias or a key id, got: "arn:aws:kms:ap-northeast-1:123456789012:alias/logs"',
    ],
    [
      "a bare key id",
      { kmsKeyArn: "1234abcd-12ab-34cd-56ef-1234567890ab" },
      'test/logs: `kmsKeyArn` must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), not an alias or a key id, got: "1234abcd-12ab-34cd-56ef-1234567890ab"',
    ],
  ])("rejects %s", (_, props, message) => {
    expect(validationErrors(build(props).stack)).toEqual([message]);
  });
});
