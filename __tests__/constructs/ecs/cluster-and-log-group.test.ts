import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { EcsLogGroup, EcsLogGroupProps, FargateCluster, LOG_RETENTION_DAYS } from "../../../constructs/ecs";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../../helpers/synth";

describe("FargateCluster", () => {
  it("is the note's aws_ecs_cluster.example", () => {
    const stack = testStack();
    const cluster = new FargateCluster(stack, "cluster", { name: "example" });
    const json = synthJson(stack);
    expect(addresses(json)).toEqual(["aws_ecs_cluster.example"]);
    expect(resource(json, "aws_ecs_cluster", "example")).toMatchObject({ name: "example" });
    expect(resolved(stack, cluster.clusterArn)).toBe("${aws_ecs_cluster.example.arn}");
    expect(resolved(stack, cluster.clusterName)).toBe("${aws_ecs_cluster.example.name}");
    expect(validationErrors(stack)).toEqual([]);
  });

  it("without containerInsights, is exactly the note's cluster: a name and no setting", () => {
    const stack = testStack();
    new FargateCluster(stack, "cluster", { name: "example" });
    expect(resource(synthJson(stack), "aws_ecs_cluster", "example")).toEqual({ name: "example" });
  });

  it.each<[boolean, string]>([
    [true, "enabled"],
    [false, "disabled"],
  ])("with containerInsights %s, sends the setting %s", (containerInsights, value) => {
    const stack = testStack();
    new FargateCluster(stack, "cluster", { name: "example", containerInsights });
    expect(resource(synthJson(stack), "aws_ecs_cluster", "example")).toEqual({
      name: "example",
      setting: [{ name: "containerInsights", value }],
    });
    expect(validationErrors(stack)).toEqual([]);
  });

  it("takes its name from its props", () => {
    const stack = testStack();
    new FargateCluster(stack, "cluster", { name: "web" });
    expect(resource(synthJson(stack), "aws_ecs_cluster", "example")).toMatchObject({ name: "web" });
  });

  it("rejects a name with a slash", () => {
    const stack = testStack();
    new FargateCluster(stack, "cluster", { name: "web/app" });
    expect(validationErrors(stack)).toEqual([
      'test/cluster: `name` must be 1 to 255 characters of letters, digits, hyphens and underscores, got: "web/app"',
    ]);
  });

  describe("several in one stack", () => {
    it("gives the note's address to the first and the construct id to later ones", () => {
      const stack = testStack();
      new FargateCluster(stack, "cluster", { name: "example" });
      const batch = new FargateCluster(stack, "batch", { name: "batch" });
      const json = synthJson(stack);
      expect(addresses(json)).toEqual(["aws_ecs_cluster.batch", "aws_ecs_cluster.example"]);
      expect(resource(json, "aws_ecs_cluster", "batch")).toMatchObject({ name: "batch" });
      expect(resolved(stack, batch.clusterArn)).toBe("${aws_ecs_cluster.batch.arn}");
      expect(validationErrors(stack)).toEqual([]);
    });

    it("gives the note's address to the one designated, even when it comes second", () => {
      const stack = testStack();
      new FargateCluster(stack, "batch", { name: "batch", terraformNames: "own" });
      new FargateCluster(stack, "cluster", { name: "example", terraformNames: "note" });
      expect(addresses(synthJson(stack))).toEqual(["aws_ecs_cluster.batch", "aws_ecs_cluster.example"]);
      expect(validationErrors(stack)).toEqual([]);
    });

    it("refuses the note's address for a second cluster, in one line", () => {
      const stack = testStack();
      new FargateCluster(stack, "cluster", { name: "example" });
      new FargateCluster(stack, "batch", { name: "batch", terraformNames: "note" });
      expect(validationErrors(stack)).toEqual([
        'test/batch: `terraformNames` must be "own": test/cluster already has the note\'s addresses, got: "note"',
      ]);
    });
  });
});

describe("EcsLogGroup", () => {
  const build = (props: Partial<EcsLogGroupProps> = {}) => {
    const stack = testStack();
    const logGroup = new EcsLogGroup(stack, "logs", { name: "/ecs/example", ...props });
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
    new EcsLogGroup(stack, "logs", { name: "/ecs/example", kmsKeyArn: key.arn });
    expect(resource(synthJson(stack), "aws_cloudwatch_log_group", "for_ecs").kms_key_id).toBe("${aws_kms_key.key.arn}");
    expect(validationErrors(stack)).toEqual([]);
  });

  it("takes a second log group under its own address", () => {
    const stack = testStack();
    new EcsLogGroup(stack, "logs", { name: "/ecs/example" });
    new EcsLogGroup(stack, "audit", { name: "/ecs/audit" });
    expect(addresses(synthJson(stack))).toEqual(["aws_cloudwatch_log_group.audit", "aws_cloudwatch_log_group.for_ecs"]);
  });

  it.each([...LOG_RETENTION_DAYS])("accepts a retention of %i days", (days) => {
    expect(validationErrors(build({ retentionInDays: days }).stack)).toEqual([]);
  });

  it.each<[string, Partial<EcsLogGroupProps>, string]>([
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
