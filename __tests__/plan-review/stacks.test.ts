import * as path from "path";
import { overallCode } from "../../plan-review/planner";
import { currentCommit, outputFolder, ROOT, selectStacks } from "../../plan-review/stacks";

describe("outputFolder", () => {
  it("is .local/cdktf.out against a local endpoint, cdktf.out otherwise", () => {
    expect(outputFolder({ AWS_ENDPOINT_URL: "http://127.0.0.1:5000" })).toBe(path.join(ROOT, ".local", "cdktf.out"));
    expect(outputFolder({})).toBe(path.join(ROOT, "cdktf.out"));
  });
});

describe("selectStacks", () => {
  const available = ["ecs-fargate-dev", "ecs-fargate-prod"];

  it("is every stack when none is named, else those named, once each", () => {
    expect(selectStacks(available, [])).toEqual(available);
    expect(selectStacks(available, ["ecs-fargate-prod", "ecs-fargate-prod"])).toEqual(["ecs-fargate-prod"]);
  });

  it("names the unknown stacks and the ones there are", () => {
    expect(() => selectStacks(available, ["ecs-fargate-stg"])).toThrow(
      "no stack ecs-fargate-stg: the app has ecs-fargate-dev, ecs-fargate-prod",
    );
  });
});

describe("overallCode", () => {
  it.each([
    [[0, 0], 0],
    [[0, 2], 2],
    [[2, 1], 1],
    [[1, 0], 1],
    [[], 0],
  ])("%p -> %p, as terraform plan -detailed-exitcode", (codes, code) => {
    expect(overallCode(codes)).toBe(code);
  });
});

describe("currentCommit", () => {
  it("shortens PLAN_COMMIT (the pull request's head) or GITHUB_SHA", async () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    await expect(currentCommit({ PLAN_COMMIT: sha, GITHUB_SHA: "f".repeat(40) })).resolves.toBe("0123456");
    await expect(currentCommit({ GITHUB_SHA: sha })).resolves.toBe("0123456");
  });

  it("reads git otherwise, noting uncommitted changes", async () => {
    await expect(currentCommit({})).resolves.toMatch(/^[0-9a-f]{7,}( \+ uncommitted changes)?$/);
  });
});
