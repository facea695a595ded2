import { FargateCluster } from "../../../constructs/ecs";
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
