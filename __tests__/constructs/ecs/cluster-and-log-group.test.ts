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
  ])("rejects %s", (_, props, message) => {
    expect(validationErrors(build(props).stack)).toEqual([message]);
  });
});
