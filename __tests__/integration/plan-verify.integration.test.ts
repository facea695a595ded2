// Integration: what merges is what was reviewed, on the local AWS endpoint with the real Terraform
// CLI. The dev stack is deployed once (with 3 tasks); then a pull request's plan (the app as it is:
// desired count 3 -> 2) is saved as its comment, and plan:verify compares: the same when nothing
// changed; the same after an out-of-band deploy that the plan ignores; different, naming the
// address, after the log group's retention is changed with the AWS SDK, found through a local
// stand-in of GitHub's REST API as the deploy finds it. Drift: none right after the deploy, exit 2
// after the change. The tests run in order, each on what the one before left; one deploy serves all.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CloudWatchLogsClient, PutRetentionPolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DeregisterTaskDefinitionCommand, ECSClient } from "@aws-sdk/client-ecs";
import { gitHubFromEnv } from "../../plan-review/github";
import { plannedCommits, planStack } from "../../plan-review/planner";
import { ROOT } from "../../plan-review/stacks";
import { verifyStack } from "../../plan-review/verify";
import { synthesize } from "../../tooling/process";
import { Emulator, startEmulator } from "../helpers/emulator";
import { comment, GitHubStandIn, mergedPull, startGitHubStandIn } from "../helpers/github-stand-in";
import { deployOutOfBand } from "../helpers/review";
import { DEV_STACK, npmScript, terraformOk } from "../helpers/terraform";

jest.setTimeout(300_000);

const HEAD = "b".repeat(40);
const BASE = "c".repeat(40);
const MERGE = "d".repeat(40);
const RETENTION = "/ecs/example";

describe("plan:verify and drift on the dev stack (integration)", () => {
  let emulator: Emulator;
  let standIn: GitHubStandIn;
  let out: string;
  let dir: string;
  let reviewed: string;
  let ecs: ECSClient;
  let logs: CloudWatchLogsClient;
  let originalRetention: number;
  let revision2 = "";
  const saved = { ...process.env };

  beforeAll(async () => {
    emulator = await startEmulator();
    standIn = await startGitHubStandIn();
    // The runner reads its environment as `npm run plan` does: the endpoint, and the commits planned.
    delete process.env.TF_STATE_BUCKET;
    delete process.env.GITHUB_ACTIONS;
    Object.assign(process.env, emulator.env, { PLAN_COMMIT: HEAD, PLAN_BASE: BASE });
    ecs = new ECSClient(emulator.client);
    logs = new CloudWatchLogsClient(emulator.client);
    out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-verify-")), "cdktf.out");
    await synthesize(ROOT, out);
    dir = path.join(out, "stacks", DEV_STACK);
    // What is deployed: main before the pull request, whose service ran 3 tasks.
    const file = path.join(dir, "cdk.tf.json");
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    originalRetention = json.resource.aws_cloudwatch_log_group.for_ecs.retention_in_days;
    expect(json.resource.aws_ecs_service.example.desired_count).toBe(2);
    json.resource.aws_ecs_service.example.desired_count = 3;
    fs.writeFileSync(file, JSON.stringify(json));
    const first = await planStack(out, DEV_STACK, "0123abc", await plannedCommits());
    if (first.code !== 2) throw new Error(`the first plan: ${first.summary}`);
    terraformOk(dir, ["apply", "-input=false", "-no-color", "plan.tfplan"]);
  });

  afterAll(async () => {
    process.env = saved;
    if (revision2) await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: revision2 }));
    ecs?.destroy();
    logs?.destroy();
    await standIn?.stop();
    await emulator?.stop();
  });

  const cli = (args: string[]) => npmScript(args, { ...emulator.env, PLAN_REVIEW_OUT: out, PLAN_COMMIT: HEAD });

  it("drift: a stack just deployed has none (npm run drift exits 0); what AWS filled in is listed apart", () => {
    const run = cli(["drift", "--", DEV_STACK]);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(run.stdout).toContain(`${DEV_STACK}: no drift`);
    const report = fs.readFileSync(path.join(dir, "drift.md"), "utf8");
    expect(report).toContain("**No drift.** The infrastructure matches what the configuration sets.");
    expect(report).toContain("Not drift:");
    expect(report).toContain("`aws_eip.nat_gateway_0`");
  });

  it("plans a pull request (desired count 3 -> 2, the app's own) and saves its comment, whose marker fingerprints the plan", async () => {
    // The pull request: the app as it is, planned against the deployed state.
    await synthesize(ROOT, out);
    const plan = await planStack(out, DEV_STACK, "0123abc", await plannedCommits());
    expect(plan.code).toBe(2);
    reviewed = fs.readFileSync(path.join(dir, "plan.md"), "utf8");
    expect(reviewed.split("\n")[0]).toBe(
      `<!-- plan-review:stack=${DEV_STACK} fingerprint=${plan.verification?.fingerprint} base=${BASE} head=${HEAD} -->`,
    );
    expect(reviewed).toMatch(/^[0-9a-f]{16} update aws_ecs_service\.example$/m);
    fs.writeFileSync(path.join(out, "..", "reviewed.md"), reviewed);
  });

  it("verify: the same when nothing changed (exit 0), and the saved plan is the one to apply", async () => {
    const outcome = await verifyStack(out, DEV_STACK, { kind: "text", text: reviewed });
    expect(outcome).toMatchObject({ code: 0, verdict: "same", planCode: 2 });
    expect(outcome.report).toContain("**The same plan as reviewed.**");
    expect(fs.existsSync(path.join(dir, "plan.tfplan"))).toBe(true);
  });

  describe("after an out-of-band deploy, which the service ignores (task_definition)", () => {
    beforeAll(async () => {
      ({ revision: revision2 } = await deployOutOfBand(ecs, "nginx:1.27"));
    });

    it("verify: still the same: the refresh found it, the plan changes nothing more", async () => {
      const outcome = await verifyStack(out, DEV_STACK, { kind: "text", text: reviewed });
      expect(outcome).toMatchObject({ code: 0, verdict: "same" });
    });
  });

  describe("after the log group's retention is also changed with the AWS SDK", () => {
    beforeAll(async () => {
      await logs.send(new PutRetentionPolicyCommand({ logGroupName: RETENTION, retentionInDays: 1 }));
      standIn.pullsByCommit.set(MERGE, [mergedPull(42, MERGE, HEAD, BASE)]);
      standIn.comments.set(42, [comment(1, "Looks good", "a-reviewer"), comment(2, reviewed)]);
    });

    it("the deploy's verify, through a stand-in of GitHub's API: differs (exit 3), naming the address, and says so on the merged pull request", async () => {
      const github = gitHubFromEnv(standIn.env());
      const outcome = await verifyStack(
        out,
        DEV_STACK,
        { kind: "github", github, sha: MERGE },
        { runUrl: "https://run/1" },
      );
      expect(outcome).toMatchObject({ code: 3, verdict: "differs", planCode: 2 });
      const row = `| \`aws_cloudwatch_log_group.for_ecs\` | no change | 🟡 update | \`retention_in_days\`: \`1\` → \`${originalRetention}\` |`;
      expect(outcome.report).toContain(row);
      expect(outcome.report).not.toContain("`aws_ecs_service.example`");
      expect(standIn.requests.map((r) => `${r.method} ${r.path.replace(/\?.*/, "")}`)).toEqual([
        `GET /repos/${standIn.repository}/commits/${MERGE}/pulls`,
        `GET /repos/${standIn.repository}/issues/42/comments`,
        `POST /repos/${standIn.repository}/issues/42/comments`,
      ]);
      const body = (standIn.requests[2]?.body as { body: string }).body;
      expect(body).toContain("**This plan differs from the reviewed one**");
      expect(body).toContain(row);
      expect(body).toContain("The deploy of `ddddddd` stopped before applying ([the deploy run](https://run/1)).");
    });

    it("the deploy's verify refuses a direct push (no pull request) with exit 4, without planning", async () => {
      const github = gitHubFromEnv(standIn.env());
      const refused = await verifyStack(out, DEV_STACK, { kind: "github", github, sha: "e".repeat(40) });
      expect(refused).toMatchObject({ code: 4, verdict: "unreviewed", planCode: 1 });
      expect(refused.report).toContain(
        "**No reviewed plan for this stack:** no pull request was merged as commit eeeeeee.",
      );
    });

    it("drift: npm run drift exits 2 and names the address, before -> after; the ignored deploy is not drift", () => {
      const run = cli(["drift", "--", DEV_STACK]);
      expect(run.status).toBe(2);
      expect(run.stdout).toContain(`${DEV_STACK}: drift`);
      const report = fs.readFileSync(path.join(dir, "drift.md"), "utf8");
      expect(report).toContain("**Drift: 1 resource changed outside Terraform**");
      expect(report).toMatch(
        new RegExp(
          `^\\| \`aws_cloudwatch_log_group\\.for_ecs\` \\| \`[^\`]+\` \\| \`retention_in_days\`: \`${originalRetention}\` → \`1\` \\|$`,
          "m",
        ),
      );
      expect(report).toContain("Not drift: 1 resource changed in attributes the configuration ignores");
      expect(report).toMatch(/\| `aws_ecs_service\.example` \| `[^`]+` \| `task_definition`: .*example:2/);
    });
  });

  describe("once the retention is put back", () => {
    beforeAll(async () => {
      await logs.send(new PutRetentionPolicyCommand({ logGroupName: RETENTION, retentionInDays: originalRetention }));
    });

    it("npm run plan:verify with the saved comment says the same and exits 0", () => {
      const run = cli(["plan:verify", "--", DEV_STACK, path.join(out, "..", "reviewed.md")]);
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
      expect(run.stdout).toContain("**The same plan as reviewed.**");
    });

    it("npm run plan:verify refuses bad input in one line: exit 1", () => {
      const missing = cli(["plan:verify", "--", DEV_STACK, "/nonexistent/plan.md"]);
      expect(missing.status).toBe(1);
      expect(missing.stderr.trim()).toBe(
        "plan:verify: /nonexistent/plan.md: no such file (the reviewed summary, e.g. a saved plan.md)",
      );
    });
  });
});
