// The parts of the plan command that need no Terraform: the CI guard against a local state, and
// what a failed stack leaves behind. The plans themselves are the integration tests' business.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { hasLocalState, planStack } from "../../plan-review/planner";

function synthesized(stack: string, backend: unknown): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-review-out-"));
  const dir = path.join(out, "stacks", stack);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify({ terraform: { backend }, resource: {} }));
  fs.writeFileSync(path.join(dir, "plan.json"), "{}"); // a stale plan of an earlier run
  return out;
}

describe("hasLocalState", () => {
  it("is true for a local backend or none, false for S3", () => {
    const local = synthesized("a", { local: { path: "x.tfstate" } });
    const s3 = synthesized("b", { s3: { bucket: "state", key: "b/terraform.tfstate" } });
    expect(hasLocalState(path.join(local, "stacks", "a"))).toBe(true);
    expect(hasLocalState(path.join(s3, "stacks", "b"))).toBe(false);
    const none = synthesized("c", undefined);
    expect(hasLocalState(path.join(none, "stacks", "c"))).toBe(true);
  });
});

describe("planStack in GitHub Actions with a local state", () => {
  const saved = process.env.GITHUB_ACTIONS;
  afterEach(() => {
    if (saved === undefined) delete process.env.GITHUB_ACTIONS;
    else process.env.GITHUB_ACTIONS = saved;
  });

  it("fails before running Terraform, with a summary that says why, and leaves no stale plan", async () => {
    process.env.GITHUB_ACTIONS = "true";
    const out = synthesized("ecs-fargate-dev", { local: { path: "../../../terraform.ecs-fargate-dev.tfstate" } });
    const result = await planStack(out, "ecs-fargate-dev", "0123abc");
    const dir = path.join(out, "stacks", "ecs-fargate-dev");
    expect(result.code).toBe(1);
    expect(result.line).toBe("ecs-fargate-dev: the plan failed");
    expect(fs.readFileSync(path.join(dir, "plan.md"), "utf8")).toBe(result.summary);
    expect(result.summary).toContain("> **The plan failed.**");
    expect(result.summary).toContain("This stack keeps its state in a local file");
    expect(fs.existsSync(path.join(dir, "plan.json"))).toBe(false);
  });
});
