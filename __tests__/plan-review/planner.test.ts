// The parts of the plan command that need no Terraform: the CI guard against a local state, and
// what a failed stack leaves behind. The plans themselves are the integration tests' business.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { driftStack } from "../../plan-review/drift";
import {
  hasLocalState,
  PLAN_LABELS,
  planLabel,
  plannedCommits,
  planStack,
  planTextOf,
  Severity,
  staleNote,
  withMarker,
} from "../../plan-review/planner";
import { markerText, readMarker, verificationOf } from "../../plan-review/fingerprint";
import { renderSummary } from "../../plan-review/summary";
import { fixturePlan } from "./fixtures";
import { startGitHubStandIn } from "../helpers/github-stand-in";

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

describe("planStack and driftStack in GitHub Actions with a local state", () => {
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

  it("drift fails before running Terraform too, saying why", async () => {
    process.env.GITHUB_ACTIONS = "true";
    const out = synthesized("ecs-fargate-dev", { local: { path: "../../../terraform.ecs-fargate-dev.tfstate" } });
    const result = await driftStack(out, "ecs-fargate-dev");
    expect(result.code).toBe(1);
    expect(result.report).toContain("> **The refresh failed.** Drift is unknown");
    expect(result.report).toContain("This stack keeps its state in a local file");
  });
});

describe("the pull request's label", () => {
  it.each<[Severity[], string]>([
    [["none", "none"], "plan: no changes"],
    [["none", "changes"], "plan: changes"],
    [["changes", "replace"], "plan: replace"],
    [["replace", "destroy", "changes"], "plan: destroy"],
    [["destroy", "failed"], "plan: failed"],
  ])("over %j is %s: the most severe", (severities, label) => {
    expect(planLabel(severities)).toBe(label);
  });

  it("is one of five, all prefixed so that the workflow replaces the last one", () => {
    expect(Object.values(PLAN_LABELS).every((l) => l.startsWith("plan: "))).toBe(true);
  });
});

describe("the commits planned, and a base that main has moved past", () => {
  const BASE = "1".repeat(40);
  const TIP = "2".repeat(40);
  const HEAD = "3".repeat(40);

  it("says nothing when the base is main's tip", () => {
    expect(staleNote(BASE, BASE, "main")).toBeUndefined();
  });

  it("warns when main has moved, naming both commits", () => {
    expect(staleNote(BASE, TIP, "main")).toBe(
      "> [!WARNING]\n> **Planned against an older `main`** (`1111111`); `main` is now at `2222222`. This plan may " +
        "not be what merging applies: update the branch to plan again. The deploy applies only a plan that " +
        "matches this one (`plan:verify`).",
    );
  });

  it("reads main's tip through GitHub's API in a pull request's workflow", async () => {
    const standIn = await startGitHubStandIn();
    try {
      standIn.branches.set("main", TIP);
      const env = { ...standIn.env(), PLAN_BASE: BASE, PLAN_BASE_REF: "main", PLAN_COMMIT: HEAD };
      expect(await plannedCommits(env)).toEqual({ base: BASE, head: HEAD, note: staleNote(BASE, TIP, "main") });
      standIn.branches.set("main", BASE);
      expect(await plannedCommits(env)).toEqual({ base: BASE, head: HEAD, note: undefined });
      expect(standIn.requests.map((r) => r.path)).toEqual([
        `/repos/${standIn.repository}/branches/main`,
        `/repos/${standIn.repository}/branches/main`,
      ]);
    } finally {
      await standIn.stop();
    }
  });

  it("plans on without the note when GitHub cannot be read, and asks nothing outside a workflow", async () => {
    const standIn = await startGitHubStandIn();
    try {
      const env = { ...standIn.env(), PLAN_BASE: BASE, PLAN_BASE_REF: "no-such-branch", PLAN_COMMIT: HEAD };
      const write = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
      expect(await plannedCommits(env)).toEqual({ base: BASE, head: HEAD });
      expect(write).toHaveBeenCalledWith(expect.stringContaining("plan: could not read the tip of no-such-branch"));
      write.mockRestore();
      expect(await plannedCommits({ PLAN_COMMIT: HEAD })).toEqual({ base: undefined, head: HEAD });
    } finally {
      await standIn.stop();
    }
  });
});

describe("the plan's text, from what terraform plan printed", () => {
  const shown = [
    "",
    "Terraform used the selected providers to generate the following execution",
    "plan. Resource actions are indicated with the following symbols:",
    "  ~ update in-place",
    "",
    "Plan: 0 to add, 1 to change, 0 to destroy.",
    "",
  ].join("\n");

  it("is what terraform show prints: the refresh's progress lines left out", () => {
    const printed = [
      "data.aws_iam_policy_document.ecs_task_execution: Reading...",
      "data.aws_iam_policy_document.ecs_task_execution: Read complete after 0s [id=1234]",
      "aws_vpc.example: Refreshing state... [id=vpc-0123]",
      "aws_cloudwatch_log_group.for_ecs: Preparing import... [id=/ecs/example]",
    ].join("\n");
    expect(planTextOf(`${printed}\n${shown}`)).toBe(shown);
  });

  it("is all of it when there was nothing to refresh, or when the first lines are not progress", () => {
    expect(planTextOf(shown)).toBe(shown);
    const odd = `Something else\n${shown}`;
    expect(planTextOf(odd)).toBe(odd);
  });
});

describe("the verification's marker in the summary", () => {
  const plan = fixturePlan("update");
  const verification = verificationOf(plan, { base: "1".repeat(40), head: "2".repeat(40) });
  const marker = markerText("ecs-fargate-dev", verification);

  it("replaces the summary's plain marker, after the scrub, so that plan:verify reads it back", () => {
    const summary = renderSummary({ stack: "ecs-fargate-dev", plan });
    expect(summary.split("\n")[0]).toBe("<!-- plan-review:stack=ecs-fargate-dev -->");
    const marked = withMarker(summary, marker);
    expect(marked).toBe(`${marker}\n${summary.split("\n").slice(1).join("\n")}`);
    expect(readMarker(marked, "ecs-fargate-dev")).toEqual(verification);
  });

  it("is put first when the summary starts otherwise", () => {
    expect(withMarker("### a heading\n", marker)).toBe(`${marker}\n### a heading\n`);
  });
});
