// Plans synthesized stacks: the work behind `npm run plan` (plan.ts is the command).
import * as fs from "fs";
import * as path from "path";
import { prepareLocalEndpoint } from "../scripts/emulator/lookups";
import { configurationBeside } from "./configuration";
import { markerText, Verification, verificationOf } from "./fingerprint";
import { branchTip, gitHubFromEnv } from "./github";
import { withInit } from "./init";
import { PlanJson } from "./plan-json";
import { headlineCounts, renderSummary } from "./summary";
import { lookUpRunningImages } from "./running-images";
import { PlanReview, reviewPlan } from "./review";
import { scrub } from "./scrub";
import { sensitiveStrings, stateSecrets, variableSecrets } from "./sensitive";
import { COMMENT_BUDGET, commentLength } from "./trim";
import { run, synthesize } from "../tooling/process";
import { currentCommit, listStacks, outputFolder, ROOT, selectStacks, stackFolder, terraform } from "./stacks";

/** The name of the pull-request workflow's artifact that holds every stack's plan text and summary. */
export const PLAN_ARTIFACT = "terraform-plans";

/** Files of a stack's folder that one plan writes: removed first, so that a failure leaves no stale plan. */
const PLAN_FILES = ["plan.tfplan", "plan.json", "plan.txt", "plan.md"] as const;

export interface StackPlan {
  readonly stack: string;
  /** terraform plan -detailed-exitcode: 0 no changes, 1 error, 2 changes. */
  readonly code: 0 | 1 | 2;
  /** The summary's Markdown, also in plan.md. */
  readonly summary: string;
  /** One line for the terminal. */
  readonly line: string;
  /** What the comment's marker carries for plan:verify; absent when the plan failed. */
  readonly verification?: Verification;
  /** The most severe change of the plan, for the pull request's label. */
  readonly severity: Severity;
}

/** The pull request's label, most severe first: one of these replaces the others. */
export const PLAN_LABELS = {
  failed: "plan: failed",
  destroy: "plan: destroy",
  replace: "plan: replace",
  changes: "plan: changes",
  none: "plan: no changes",
} as const;
export type Severity = keyof typeof PLAN_LABELS;
const SEVERITY_ORDER: readonly Severity[] = ["failed", "destroy", "replace", "changes", "none"];

function severityOf(code: 0 | 1 | 2, review?: PlanReview): Severity {
  if (code === 1 || !review) return "failed";
  if (review.rows.some((r) => r.kind === "destroy")) return "destroy";
  if (review.rows.some((r) => r.kind === "replace")) return "replace";
  return code === 2 ? "changes" : "none";
}

/** The label of several stacks' plans: the most severe. */
export function planLabel(severities: readonly Severity[]): string {
  const worst = SEVERITY_ORDER.find((s) => severities.includes(s)) ?? "none";
  return PLAN_LABELS[worst];
}

/** The commits a plan is of, for the marker: the base (PLAN_BASE) and the head (PLAN_COMMIT, GITHUB_SHA or git's HEAD). */
export interface PlannedCommits {
  readonly base?: string;
  readonly head?: string;
  /** A Markdown note put above the summary (that the pull request's base is behind its branch). */
  readonly note?: string;
}

function fullPlanLocation(stack: string, dir: string): string {
  if (process.env.GITHUB_ACTIONS === "true") {
    return `The full plan is \`${stack}/plan.txt\` in this workflow run's \`${PLAN_ARTIFACT}\` artifact.`;
  }
  return `The full plan is \`${path.relative(ROOT, path.join(dir, "plan.txt"))}\`.`;
}

/** Whether the stack's synthesized configuration keeps its state in a local file. */
export function hasLocalState(dir: string): boolean {
  const json = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8")) as {
    terraform?: { backend?: Record<string, unknown> };
  };
  const backends = Object.keys(json.terraform?.backend ?? {});
  return backends.length === 0 || backends.includes("local");
}

/**
 * Every secret the tool can know for a stack without a plan: the sensitive values of its state
 * (`terraform show -json`, when the folder is initialized) and its sensitive variables (defaults and
 * TF_VAR_*). What a failed plan's error text is scrubbed with, beside the masks.
 */
export async function knownSecrets(
  dir: string,
  options: { state?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<Set<string>> {
  const { state: withState = true, env = process.env } = options;
  const found = new Set<string>();
  try {
    const json = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8")) as unknown;
    for (const secret of variableSecrets(json, env)) found.add(secret);
  } catch {
    // no configuration: nothing to read
  }
  if (withState && fs.existsSync(path.join(dir, ".terraform"))) {
    const state = await terraform(dir, ["show", "-json"]);
    if (state.code === 0 && state.stdout.trim() !== "") {
      try {
        for (const secret of stateSecrets(JSON.parse(state.stdout))) found.add(secret);
      } catch {
        // not JSON (an empty state prints a message): nothing to read
      }
    }
  }
  return found;
}

/** Plans one synthesized stack and writes its files; never throws for a Terraform failure. */
export async function planStack(
  out: string,
  stack: string,
  commit: string | undefined,
  commits: PlannedCommits = {},
): Promise<StackPlan> {
  const dir = stackFolder(out, stack);
  for (const file of PLAN_FILES) fs.rmSync(path.join(dir, file), { force: true });
  const configuration = configurationBeside(path.join(dir, "cdk.tf.json"));
  const location = fullPlanLocation(stack, dir);
  const failed = async (output: string): Promise<StackPlan> => {
    // Terraform's error text can echo any value, sensitive or not: scrubbed with all the tool can know.
    const secrets = await knownSecrets(dir);
    const summary = renderSummary({ stack, commit, error: output, configuration, fullPlanLocation: location, secrets });
    fs.writeFileSync(path.join(dir, "plan.md"), summary);
    return { stack, code: 1, summary, line: `${stack}: the plan failed`, severity: "failed" };
  };

  if (process.env.GITHUB_ACTIONS === "true" && hasLocalState(dir)) {
    return failed(
      "This stack keeps its state in a local file, which a CI runner starts without and throws away: the plan " +
        "would show every resource as new, and an apply would create them all again. Give the environment a " +
        "state bucket (or set the repository variable TF_STATE_BUCKET).",
    );
  }
  const planRun = await withInit(dir, ["plan", "-input=false", "-detailed-exitcode", "-out=plan.tfplan"]);
  if ("initError" in planRun) return failed(planRun.initError);
  const plan = planRun.run;
  if (plan.code !== 0 && plan.code !== 2) return failed(`${plan.stderr}${plan.stdout}`);

  // The text is the plan's own output: `terraform show plan.tfplan` prints the same after the
  // refresh's progress lines, and would load the provider once more (about 2 s).
  const json = await terraform(dir, ["show", "-json", "plan.tfplan"], path.join(dir, "plan.json"));
  if (json.code !== 0) return failed(`$ terraform show -json\n${json.stderr}`);
  fs.writeFileSync(path.join(dir, "plan.txt"), planTextOf(plan.stdout));

  const planJson = JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8")) as PlanJson;
  // Terraform's own text can show a value derived from a secret (a provider-computed attribute
  // such as `tags_all` is not marked sensitive): plan.txt goes into the pull request's artifact,
  // so it is written scrubbed, like the summary. plan.json keeps the values; it never leaves the runner.
  // (The plan's JSON holds the prior state: its sensitive values are in sensitiveStrings.)
  const secrets = new Set([...sensitiveStrings(planJson), ...(await knownSecrets(dir, { state: false }))]);
  const planText = scrub(fs.readFileSync(path.join(dir, "plan.txt"), "utf8"), secrets);
  fs.writeFileSync(path.join(dir, "plan.txt"), planText);
  const verification = verificationOf(planJson, commits);
  const marker = markerText(stack, verification);
  const note = commits.note ? `${commits.note}\n\n` : "";
  const runningImages = await lookUpRunningImages(planJson);
  const summary = withMarker(
    withNote(
      renderSummary({
        stack,
        commit,
        plan: planJson,
        planText,
        configuration,
        fullPlanLocation: location,
        secrets,
        runningImages,
        budget: COMMENT_BUDGET - commentLength(note) - commentLength(marker),
      }),
      note,
    ),
    marker,
  );
  fs.writeFileSync(path.join(dir, "plan.md"), summary);
  const review = reviewPlan(planJson, configuration);
  const counts = plan.code === 2 ? headlineCounts(review).replace(/\*/g, "") : "no changes.";
  return {
    stack,
    code: plan.code,
    summary,
    line: `${stack}: ${counts}`,
    verification,
    severity: severityOf(plan.code, review),
  };
}

/**
 * The summary with the verification's marker in place of its first line, the plain marker. Added
 * after the summary is scrubbed: the marker holds only hashes, commits and addresses, and a mask
 * (a 40-character secret key pattern, say) must not mangle a commit that plan:verify reads.
 */
export function withMarker(summary: string, marker: string): string {
  const plain = /^<!-- plan-review:stack=[^\n]* -->\n/;
  return plain.test(summary) ? summary.replace(plain, () => `${marker}\n`) : `${marker}\n${summary}`;
}

/** The summary with a note above its heading (below the hidden marker). */
function withNote(summary: string, note: string): string {
  if (note === "") return summary;
  const at = summary.indexOf("### Terraform plan:");
  return at < 0 ? `${note}${summary}` : `${summary.slice(0, at)}${note}${summary.slice(at)}`;
}

/** The full commit of the working tree's HEAD, when there is git. */
async function headCommit(): Promise<string | undefined> {
  try {
    const head = await run("git", ["rev-parse", "HEAD"], { cwd: ROOT });
    return head.code === 0 ? head.stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The commits planned (PLAN_BASE, PLAN_COMMIT) and, in a pull request's workflow (PLAN_BASE_REF and
 * a token), a note when the base branch has moved since the base commit: the plan may be stale.
 * A failed lookup is a line on stderr, never a failed plan.
 */
export async function plannedCommits(env: NodeJS.ProcessEnv = process.env): Promise<PlannedCommits> {
  const base = env.PLAN_BASE || undefined;
  const head = env.PLAN_COMMIT || env.GITHUB_SHA || (await headCommit());
  if (!base || !env.PLAN_BASE_REF || !env.GITHUB_TOKEN) return { base, head };
  try {
    const tip = await branchTip(gitHubFromEnv(env), env.PLAN_BASE_REF);
    return { base, head, note: staleNote(base, tip, env.PLAN_BASE_REF) };
  } catch (error) {
    process.stderr.write(`plan: could not read the tip of ${env.PLAN_BASE_REF}: ${String(error)}\n`);
    return { base, head };
  }
}

/** The warning that a pull request was planned against an older base, or undefined when it was not. */
export function staleNote(base: string, tip: string, branch: string): string | undefined {
  if (base === tip) return undefined;
  return [
    "> [!WARNING]",
    `> **Planned against an older \`${branch}\`** (\`${base.slice(0, 7)}\`); \`${branch}\` is now at ` +
      `\`${tip.slice(0, 7)}\`. This plan may not be what merging applies: update the branch to plan again. ` +
      "The deploy applies only a plan that matches this one (`plan:verify`).",
  ].join("\n");
}

/**
 * What `terraform show` prints for a saved plan, from what `terraform plan -out` printed (in
 * automation, without colour): the same text after the refresh's progress lines
 * (`<address>: Refreshing state...`, `Reading...`, `Read complete after 1s`), which end at the
 * first empty line.
 */
export function planTextOf(stdout: string): string {
  const lines = stdout.split("\n");
  const first = lines.findIndex((line) => line.trim() === "");
  const progress =
    /^\S+: (Refreshing state\.\.\.|Reading\.\.\.|Read complete after|Still reading\.\.\.|Preparing import\.\.\.|Importing\.\.\.|Import complete)/;
  if (first <= 0 || !lines.slice(0, first).every((line) => progress.test(line))) return stdout;
  return lines.slice(first).join("\n");
}

/** The exit code over all stacks, as -detailed-exitcode: 1 beats 2 beats 0. */
export function overallCode(codes: readonly number[]): 0 | 1 | 2 {
  if (codes.some((c) => c !== 0 && c !== 2)) return 1;
  return codes.includes(2) ? 2 : 0;
}

/**
 * Synthesizes once, plans the requested stacks (all when none) concurrently, reports, and returns
 * the exit code. Writes to GITHUB_STEP_SUMMARY and GITHUB_OUTPUT when they are set.
 */
export async function planStacks(requested: readonly string[]): Promise<number> {
  const out = outputFolder();
  const commit = currentCommit();
  try {
    await synthesize(ROOT, out);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  let stacks: string[];
  try {
    stacks = selectStacks(listStacks(out), requested);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const commits = await plannedCommits();
  // Local mode only: what the stacks look up and a real account already has (the hosted zone).
  for (const line of await prepareLocalEndpoint(out, stacks)) process.stdout.write(`${line}\n`);
  const plans = await Promise.all(stacks.map(async (stack) => planStack(out, stack, await commit, commits)));

  for (const plan of plans) {
    const file = path.relative(ROOT, path.join(stackFolder(out, plan.stack), "plan.md"));
    process.stdout.write(`${plan.line} (${file})\n`);
  }
  const code = overallCode(plans.map((p) => p.code));
  if (process.env.GITHUB_STEP_SUMMARY) {
    fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, plans.map((p) => p.summary).join("\n---\n\n"));
  }
  if (process.env.GITHUB_OUTPUT) {
    const changed = plans.filter((p) => p.code === 2).map((p) => p.stack);
    fs.appendFileSync(
      process.env.GITHUB_OUTPUT,
      `stacks=${JSON.stringify(stacks)}\nchanged=${JSON.stringify(changed)}\nexit-code=${code}\n` +
        `label=${planLabel(plans.map((p) => p.severity))}\n`,
    );
  }
  return code;
}
