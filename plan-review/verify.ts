// plan:verify: the plan about to be applied against the reviewed one, as the reviewed comment's
// hidden marker holds it (fingerprint.ts): the comparison and its report (pure), then
// `verifyStack`, which plans the stack and reads the reviewed plan from a file's text or GitHub.
import * as fs from "fs";
import * as path from "path";
import { Kind, KIND_LABEL } from "./actions";
import { configurationBeside, EMPTY_CONFIGURATION, StackConfiguration } from "./configuration";
import { readMarker, Verification } from "./fingerprint";
import { GitHub, postComment, reviewedPlan } from "./github";
import { cell, code, plural } from "./markdown";
import { PlanJson } from "./plan-json";
import { plannedCommits, planStack } from "./planner";
import { reviewPlan } from "./review";
import { scrub, sensitiveStrings } from "./sensitive";
import { currentCommit, stackFolder } from "./stacks";

/** plan:verify's exit codes. */
export const VERIFY_EXIT = { same: 0, error: 1, differs: 3, unreviewed: 4 } as const;

export type Verdict = "same" | "differs" | "unreviewed";

/** One address whose change differs from the reviewed plan. */
export interface DifferenceRow {
  /** A resource address, or `output.<name>`. */
  readonly address: string;
  /** The reviewed plan's actions (`update`, `delete,create`), or undefined when it did not change the address. */
  readonly reviewed?: string;
  /** This plan's actions, or undefined when it does not change the address. */
  readonly now?: string;
  /** This plan's change of the address, one line per attribute, as the summary shows it. */
  readonly details: readonly string[];
}

export interface VerifyResult {
  readonly verdict: Verdict;
  /** Why there is no reviewed plan (unreviewed only). */
  readonly reason?: string;
  readonly rows: readonly DifferenceRow[];
  /** The reviewed list of entries was left out of the comment (a very large plan): rows list this plan's. */
  readonly reviewedListMissing: boolean;
}

const KIND_OF_ACTIONS: Readonly<Record<string, Kind>> = {
  create: "create",
  update: "update",
  delete: "destroy",
  "delete,create": "replace",
  "create,delete": "replace",
  forget: "forget",
};

/** How an entry's actions read: the summary's labels where they apply, the plain actions otherwise. */
function actionLabel(actions: string | undefined): string {
  if (actions === undefined) return "no change";
  const kind = KIND_OF_ACTIONS[actions];
  if (kind) return KIND_LABEL[kind];
  return actions === "no-op" ? "🔵 move or import" : actions;
}

/**
 * Compares the plan's verification with the reviewed one. `reviewed` undefined: no reviewed plan
 * (with `reason`). `configuration` gives the rows their attribute details.
 */
export function comparePlans(
  reviewed: Verification | undefined,
  current: Verification,
  plan: PlanJson,
  options: { configuration?: StackConfiguration; reason?: string } = {},
): VerifyResult {
  if (!reviewed) {
    return {
      verdict: "unreviewed",
      reason: options.reason ?? "no reviewed plan",
      rows: [],
      reviewedListMissing: false,
    };
  }
  if (reviewed.fingerprint === current.fingerprint) return { verdict: "same", rows: [], reviewedListMissing: false };

  const review = reviewPlan(plan, options.configuration ?? EMPTY_CONFIGURATION);
  const detailsOf = (address: string): string[] => {
    const row = review.rows.find((r) => r.address === address);
    if (!row) return [];
    const lines = row.diff.changes.map((c) =>
      c.before === undefined
        ? `${code(c.path)} = ${code(c.after)}`
        : `${code(c.path)}: ${code(c.before)} → ${code(c.after)}`,
    );
    if (row.forcedBy.length > 0) lines.unshift(`**forces replacement:** ${row.forcedBy.map(code).join(", ")}`);
    return lines;
  };
  const before = new Map((reviewed.entries ?? []).map((e) => [e.address, e]));
  const after = new Map((current.entries ?? []).map((e) => [e.address, e]));
  const addresses = [...new Set([...before.keys(), ...after.keys()])].sort();
  const rows: DifferenceRow[] = [];
  for (const address of addresses) {
    const was = before.get(address);
    const now = after.get(address);
    if (was && now && was.digest === now.digest) continue;
    rows.push({ address, reviewed: was?.actions, now: now?.actions, details: detailsOf(address) });
  }
  return { verdict: "differs", rows, reviewedListMissing: reviewed.entries === undefined };
}

/** The report of a verification, Markdown, scrubbed of every sensitive value of the plan. */
export function renderVerify(
  stack: string,
  result: VerifyResult,
  plan: PlanJson | undefined,
  allowUnreviewed = false,
): string {
  const lines = [`### plan:verify: ${code(stack)}`, ""];
  if (result.verdict === "same") {
    lines.push("**The same plan as reviewed.** The saved plan may be applied.");
  } else if (result.verdict === "unreviewed") {
    lines.push(`**No reviewed plan for this stack:** ${result.reason ?? "none found"}.`, "");
    lines.push(
      allowUnreviewed
        ? "> [!WARNING]\n> **Applying an unreviewed plan on purpose**: the run was started by hand with " +
            "`allow-unreviewed`. What it applies is this run's plan, in its summary."
        : "Nothing is applied. To apply an unreviewed plan on purpose, start the deploy workflow by hand " +
            "(`workflow_dispatch`) with `allow-unreviewed` (prod's environment reviewers still approve the apply).",
    );
  } else {
    lines.push(
      `**This plan differs from the reviewed one** in ${plural(result.rows.length, "address", "addresses")}. ` +
        "It is not applied: review the difference, then plan the pull request again or apply on purpose.",
      "",
    );
    if (result.reviewedListMissing) {
      lines.push(
        "_The reviewed comment carries only the fingerprint (a very large plan): every change is listed._",
        "",
      );
    }
    lines.push("| address | reviewed | now | this plan's change |", "| --- | --- | --- | --- |");
    for (const row of result.rows) {
      lines.push(
        `| ${code(row.address)} | ${actionLabel(row.reviewed)} | ${actionLabel(row.now)} | ` +
          `${cell(row.reviewed && row.now ? ["values differ from the reviewed plan", ...row.details] : row.details)} |`,
      );
    }
  }
  const secrets = plan ? sensitiveStrings(plan) : new Set<string>();
  return `${scrub(lines.join("\n"), secrets)}\n`;
}

/** Where the reviewed plan comes from: a saved comment's text, or GitHub (the pull request merged as `sha`). */
export type ReviewedSource =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "github"; readonly github: GitHub; readonly sha: string; readonly author?: string };

export interface VerifyOutcome {
  /** plan:verify's exit code (VERIFY_EXIT). */
  readonly code: number;
  readonly verdict?: Verdict;
  /** The report, Markdown, scrubbed. */
  readonly report: string;
  /** The plan's own exit code (-detailed-exitcode): 2 when there is something to apply; 1 also when not planned. */
  readonly planCode: 0 | 1 | 2;
  /** The plan's summary (plan.md), when the stack was planned: what prod's reviewers read before approving. */
  readonly summary?: string;
}

/**
 * Plans a synthesized stack (as `npm run plan` does, writing plan.tfplan for `npm run apply`) and
 * verifies it against the reviewed plan. With GitHub as the source, a difference is also posted on
 * the merged pull request. `allowUnreviewed` turns "no reviewed plan" into a pass, said loudly.
 */
export async function verifyStack(
  out: string,
  stack: string,
  source: ReviewedSource,
  options: { allowUnreviewed?: boolean; runUrl?: string } = {},
): Promise<VerifyOutcome> {
  let reviewed: Verification | undefined;
  let reason: string | undefined;
  let pullRequest: number | undefined;
  if (source.kind === "text") {
    reviewed = readMarker(source.text, stack);
    if (!reviewed) reason = `the reviewed text has no plan marker with a fingerprint for ${stack}`;
  } else {
    const found = await reviewedPlan(source.github, source.sha, stack, source.author);
    pullRequest = found.pullRequest?.number;
    if (found.kind === "found") reviewed = found.verification;
    else reason = found.reason;
  }

  if (!reviewed && !options.allowUnreviewed) {
    // Refused before planning: nothing would be applied anyway.
    const result = comparePlans(undefined, { fingerprint: "" }, {}, { reason });
    return {
      code: VERIFY_EXIT.unreviewed,
      verdict: "unreviewed",
      report: renderVerify(stack, result, undefined),
      planCode: 1,
    };
  }
  const planned = await planStack(out, stack, await currentCommit(), await plannedCommits());
  if (planned.code === 1 || !planned.verification) {
    return { code: VERIFY_EXIT.error, planCode: 1, report: planned.summary, summary: planned.summary };
  }
  const planFile = path.join(stackFolder(out, stack), "plan.json");
  const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as PlanJson;
  const result = comparePlans(reviewed, planned.verification, plan, {
    configuration: configurationBeside(planFile),
    reason,
  });
  const allowed = result.verdict === "unreviewed" && options.allowUnreviewed === true;
  const report = renderVerify(stack, result, plan, allowed);
  const exit: number = allowed ? VERIFY_EXIT.same : VERIFY_EXIT[result.verdict];
  if (result.verdict === "differs" && source.kind === "github" && pullRequest !== undefined) {
    const where = options.runUrl ? ` ([the deploy run](${options.runUrl}))` : "";
    await postComment(
      source.github,
      pullRequest,
      `${report}\nThe deploy of ${code(source.sha.slice(0, 7))} stopped before applying${where}.\n`,
    );
  }
  return { code: exit, verdict: result.verdict, report, planCode: planned.code, summary: planned.summary };
}
