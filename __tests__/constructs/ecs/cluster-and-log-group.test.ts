import { EcsCluster, EcsLogGroup, LOG_RETENTION_DAYS } from "../../../constructs/ecs";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../../helpers/synth";

describe("EcsCluster", () => {
  it("is the note's aws_ecs_cluster.example", () => {
    const stack = testStack();
    const cluster = new EcsCluster(stack, "ecs_cluster");
    const json = synthJson(stack);
    expect(addresses(json)).toEqual(["aws_ecs_cluster.example"]);
    expect(resource(json, "aws_ecs_cluster", "example")).toMatchObject({ name: "example" });
    expect(resolved(stack, cluster.clusterArn)).toBe("${aws_ecs_cluster.example.arn}");
    expect(validationErrors(stack)).toEqual([]);
  });

  it("takes another name", () => {
    const stack = testStack();
    new EcsCluster(stack, "ecs_cluster", { name: "web" });
    expect(resource(synthJson(stack), "aws_ecs_cluster", "example")).toMatchObject({ name: "web" });
  });

  it("rejects a name with a slash", () => {
    const stack = testStack();
    new EcsCluster(stack, "ecs_cluster", { name: "web/app" });
    expect(validationErrors(stack)).toEqual([
      'test/ecs_cluster: `name` must be 1 to 255 characters of letters, digits, hyphens and underscores, got: "web/app"',
    ]);
  });
});

describe("EcsLogGroup", () => {
  it("is the note's aws_cloudwatch_log_group.for_ecs: /ecs/example kept 180 days", () => {
    const stack = testStack();
    const logGroup = new EcsLogGroup(stack, "log_group");
    const json = synthJson(stack);
    expect(addresses(json)).toEqual(["aws_cloudwatch_log_group.for_ecs"]);
    expect(resource(json, "aws_cloudwatch_log_group", "for_ecs")).toMatchObject({
      name: "/ecs/example",
      retention_in_days: 180,
    });
    expect(logGroup.logGroupName).toBe("/ecs/example");
    expect(validationErrors(stack)).toEqual([]);
  });

  it.each([...LOG_RETENTION_DAYS])("accepts a retention of %i days", (days) => {
    const stack = testStack();
    new EcsLogGroup(stack, "log_group", { retentionInDays: days });
    expect(validationErrors(stack)).toEqual([]);
  });

  it.each<[string, { name?: string; retentionInDays?: number }, string]>([
    [
      "a retention CloudWatch does not offer",
      { retentionInDays: 100 },
      "test/log_group: `retentionInDays` must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got: 100",
    ],
    [
      "a name with a space",
      { name: "/ecs/my app" },
      'test/log_group: `name` must be 1 to 512 characters of letters, digits and ._-/#, got: "/ecs/my app"',
    ],
  ])("rejects %s", (_, props, message) => {
    const stack = testStack();
    new EcsLogGroup(stack, "log_group", props);
    expect(validationErrors(stack)).toEqual([message]);
  });
});
