// Plans synthesized stacks: the work behind `npm run plan` (plan.ts is the command).
import * as fs from "fs";
import * as path from "path";
import { prepareLocalEndpoint } from "../scripts/emulator/lookups";
import { configurationBeside } from "./configuration";
import { asksForInit, isInitialized, markInitialized } from "./init";
import { PlanJson } from "./plan-json";
import { headlineCounts, renderSummary } from "./summary";
import { reviewPlan } from "./review";
import { scrub, sensitiveStrings } from "./sensitive";
import {
  currentCommit,
  listStacks,
  outputFolder,
  ROOT,
  selectStacks,
  stackFolder,
  synthesize,
  terraform,
} from "./stacks";

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

/** Plans one synthesized stack and writes its files; never throws for a Terraform failure. */
export async function planStack(out: string, stack: string, commit: string | undefined): Promise<StackPlan> {
  const dir = stackFolder(out, stack);
  for (const file of PLAN_FILES) fs.rmSync(path.join(dir, file), { force: true });
  const configuration = configurationBeside(path.join(dir, "cdk.tf.json"));
  const location = fullPlanLocation(stack, dir);
  const failed = (output: string): StackPlan => {
    const summary = renderSummary({ stack, commit, error: output, configuration, fullPlanLocation: location });
    fs.writeFileSync(path.join(dir, "plan.md"), summary);
    return { stack, code: 1, summary, line: `${stack}: the plan failed` };
  };

  if (process.env.GITHUB_ACTIONS === "true" && hasLocalState(dir)) {
    return failed(
      "This stack keeps its state in a local file, which a CI runner starts without and throws away: the plan " +
        "would show every resource as new, and an apply would create them all again. Give the environment a " +
        "state bucket (or set the repository variable TF_STATE_BUCKET).",
    );
  }
  const init = async (): Promise<string | undefined> => {
    const result = await terraform(dir, ["init", "-input=false"]);
    if (result.code !== 0) return `$ terraform init\n${result.stdout}${result.stderr}`;
    markInitialized(dir);
    return undefined;
  };
  const planArgs = ["plan", "-input=false", "-detailed-exitcode", "-out=plan.tfplan"];
  const initialized = isInitialized(dir);
  if (!initialized) {
    const error = await init();
    if (error) return failed(error);
  }
  let plan = await terraform(dir, planArgs);
  if (initialized && plan.code === 1 && asksForInit(plan.stderr)) {
    const error = await init();
    if (error) return failed(error);
    plan = await terraform(dir, planArgs);
  }
  if (plan.code !== 0 && plan.code !== 2) return failed(`${plan.stderr}${plan.stdout}`);

  const [json, text] = await Promise.all([
    terraform(dir, ["show", "-json", "plan.tfplan"], path.join(dir, "plan.json")),
    terraform(dir, ["show", "plan.tfplan"], path.join(dir, "plan.txt")),
  ]);
  if (json.code !== 0 || text.code !== 0) return failed(`$ terraform show\n${json.stderr}${text.stderr}`);

  const planJson = JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8")) as PlanJson;
  // Terraform's own text can show a value derived from a secret (a provider-computed attribute
  // such as `tags_all` is not marked sensitive): plan.txt goes into the pull request's artifact,
  // so it is written scrubbed, like the summary. plan.json keeps the values; it never leaves the runner.
  const planText = scrub(fs.readFileSync(path.join(dir, "plan.txt"), "utf8"), sensitiveStrings(planJson));
  fs.writeFileSync(path.join(dir, "plan.txt"), planText);
  const summary = renderSummary({
    stack,
    commit,
    plan: planJson,
    planText,
    configuration,
    fullPlanLocation: location,
  });
  fs.writeFileSync(path.join(dir, "plan.md"), summary);
  const review = reviewPlan(planJson, configuration);
  const counts = plan.code === 2 ? headlineCounts(review).replace(/\*/g, "") : "no changes.";
  return { stack, code: plan.code, summary, line: `${stack}: ${counts}` };
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
    await synthesize(out);
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
  // Local mode only: what the stacks look up and a real account already has (the hosted zone).
  for (const line of await prepareLocalEndpoint(out, stacks)) process.stdout.write(`${line}\n`);
  const plans = await Promise.all(stacks.map(async (stack) => planStack(out, stack, await commit)));

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
      `stacks=${JSON.stringify(stacks)}\nchanged=${JSON.stringify(changed)}\nexit-code=${code}\n`,
    );
  }
  return code;
}
