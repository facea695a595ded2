// The Markdown summary of one stack's plan: what a pull-request comment and a CI job summary show.
// Deterministic (no timestamps), under GitHub's comment limit, and never a sensitive value.
import { KIND_LABEL } from "./actions";
import type { RunningImages } from "./ignore-changes";
import { EMPTY_CONFIGURATION, StackConfiguration } from "./configuration";
import { AttributeChange } from "./diff";
import { cell, code, fenced, plural } from "./markdown";
import { flowchart, MAX_DETAILED_NODES, MAX_DIAGRAM_NODES } from "./mermaid";
import { PlanJson } from "./plan-json";
import { DriftRow, hasChanges, PlanReview, reviewPlan, ReviewRow } from "./review";
import { scrub } from "./scrub";
import { sensitiveStrings } from "./sensitive";
import { COMMENT_BUDGET, commentLength, trimMiddle } from "./trim";
import { KNOWN_AFTER_APPLY, MAX_VALUE_LENGTH, shorten } from "./values";
import { withAddresses } from "./versions";

export interface SummaryInput {
  /** The stack's name: the headline and the hidden marker. */
  readonly stack: string;
  /** The commit planned, shown in the headline. */
  readonly commit?: string;
  /** `terraform show -json` of the saved plan; absent when the plan failed. */
  readonly plan?: PlanJson;
  /** `terraform show -no-color` of the saved plan. */
  readonly planText?: string;
  /** What Terraform printed when the plan failed. */
  readonly error?: string;
  /** The stack's `cdk.tf.json`, read: construct paths and ignore rules. */
  readonly configuration?: StackConfiguration;
  /** Markdown naming where the full plan text is, for when it had to be trimmed. */
  readonly fullPlanLocation?: string;
  /** The most the summary may measure (`commentLength`). */
  readonly budget?: number;
  /**
   * Secrets the tool knows besides the plan's own (the state's sensitive values, the stack's
   * sensitive variables: `knownSecrets`), scrubbed from everything, a failed plan's error above all.
   */
  readonly secrets?: Iterable<string>;
  /**
   * Images of running revisions that the plan does not hold (a release registered them), by task
   * definition ARN: the planner looks them up (`lookUpRunningImages`), so that the summary names
   * what each service runs.
   */
  readonly runningImages?: RunningImages;
}

/** The hidden line that names the stack, so that a workflow finds and updates this stack's comment. */
export function markerLine(stack: string): string {
  return `<!-- plan-review:stack=${stack.replace(/--/g, "-​-")} -->`;
}

/** `N to add, N to change, N to replace, N to destroy`, and imports, moves and forgets when there are any. */
export function headlineCounts(review: PlanReview): string {
  const { counts } = review;
  const parts = [
    `${counts.add} to add`,
    `${counts.change} to change`,
    `${counts.replace} to replace`,
    `${counts.destroy} to destroy`,
  ];
  if (counts.import > 0) parts.push(`${counts.import} to import`);
  if (counts.move > 0) parts.push(`${counts.move} to move`);
  if (counts.forget > 0) parts.push(`${counts.forget} to forget`);
  if (review.actions.length > 0)
    parts.push(`${review.actions.length} ${review.actions.length === 1 ? "action" : "actions"} to invoke`);
  return `**${parts.join(", ")}.**`;
}

const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: "tainted",
  replace_by_request: "replacement requested (-replace)",
  replace_by_triggers: "replace_triggered_by",
  delete_because_no_resource_config: "no longer in the configuration",
  delete_because_no_module: "its module is no longer in the configuration",
  delete_because_wrong_repetition: "count/for_each changed",
  delete_because_count_index: "count index out of range",
  delete_because_each_key: "for_each key removed",
  delete_because_no_move_target: "moved to an address that does not exist",
};

/** A value as the table shows it: scrubbed, then shortened, then escaped (in that order: see scrub.ts). */
type Clean = (text: string) => string;

/**
 * The most characters a line of a table cell holds, so that the table fits a pull-request comment
 * (about 780 px of text, the action column beside it) without scrolling sideways: GitHub lays a
 * table out at its content's width and scrolls it, so every line is kept short here, not wrapped there.
 */
export const MAX_CELL_LINE = 68;

/** A change as one line, or as two or three when one would be too long. */
function changeLines(change: AttributeChange, clean: Clean): string[] {
  const path = code(shorten(change.path, MAX_CELL_LINE - 4));
  const value = (text: string) => code(shorten(clean(text), MAX_VALUE_LENGTH));
  const width = (...parts: string[]) => parts.reduce((n, p) => n + Array.from(p).length, 0);
  if (change.before === undefined) {
    const after = value(change.after);
    return width(path, after) + 3 <= MAX_CELL_LINE ? [`${path} = ${after}`] : [`${path} =`, `&emsp;${after}`];
  }
  const before = value(change.before);
  const after = change.after === KNOWN_AFTER_APPLY ? `_${KNOWN_AFTER_APPLY}_` : value(change.after);
  if (width(path, before, after) + 5 <= MAX_CELL_LINE) return [`${path}: ${before} → ${after}`];
  if (width(path, before) + 2 <= MAX_CELL_LINE) return [`${path}: ${before}`, `&emsp;→ ${after}`];
  return [`${path}:`, `&emsp;${before}`, `&emsp;→ ${after}`];
}

/** An import's identity (Terraform 1.13), one attribute a line: `name` = `"/ecs/example"`. */
function identityLines(identity: string, clean: Clean): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(identity);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return [`&emsp;${code(shorten(clean(identity), MAX_VALUE_LENGTH))}`];
  }
  return Object.entries(parsed).map(
    ([key, value]) => `&emsp;${code(key)} = ${code(shorten(clean(JSON.stringify(value)), MAX_VALUE_LENGTH))}`,
  );
}

/** The address, and under it, smaller, the construct path that made it. */
function resourceLines(address: string, constructPath: string | undefined): string[] {
  const lines = [code(address)];
  if (constructPath) lines.push(`<sub>${code(constructPath)}</sub>`);
  return lines;
}

/** The second cell of a row: the resource, then what changes. `compact` leaves out a created resource's values. */
function rowDetails(row: ReviewRow, compact: boolean, clean: Clean): string[] {
  const lines = resourceLines(row.address, row.constructPath);
  if (row.forcedBy.length > 0) lines.push(`**forces replacement:** ${row.forcedBy.map(code).join(", ")}`);
  if (row.forgetsOld)
    lines.push("_the current object is forgotten (left in AWS, dropped from the state), not destroyed_");
  if (row.previousAddress) lines.push(`moved from ${code(row.previousAddress)}`);
  if (row.importId !== undefined) lines.push(`imported, id ${code(shorten(clean(row.importId), MAX_VALUE_LENGTH))}`);
  if (row.importIdentity !== undefined)
    lines.push("imported by identity:", ...identityLines(row.importIdentity, clean));
  const reason = row.reason ? REASONS[row.reason] : undefined;
  if (reason && row.kind === "destroy") lines.push(`_${reason}_`);
  if (!(compact && row.kind === "create")) {
    lines.push(...row.diff.changes.flatMap((change) => changeLines(change, clean)));
    if (row.diff.knownAfterApply.length > 0) {
      lines.push(`_known after apply:_ ${row.diff.knownAfterApply.map(code).join(", ")}`);
    }
  }
  return lines;
}

function table(review: PlanReview, compact: boolean, clean: Clean, maxRows = Infinity): string[] {
  const lines = ["| action | resource and changes |", "| --- | --- |"];
  for (const row of review.rows.slice(0, maxRows)) {
    lines.push(`| ${KIND_LABEL[row.kind]} | ${cell(rowDetails(row, compact, clean))} |`);
  }
  if (review.rows.length > maxRows) {
    lines.push(
      "",
      `_${plural(review.rows.length - maxRows, "more change")} left out to fit the comment: see the full plan._`,
    );
  }
  return lines;
}

/** The callout names this many destroys and replacements; the table lists them all. */
const MAX_CALLOUT_ROWS = 20;

function callouts(review: PlanReview): string[] {
  const lines: string[] = [];
  const loud = review.rows.filter((r) => r.kind === "destroy" || r.kind === "replace");
  if (loud.length > 0) {
    const destroyed = loud.filter((r) => r.kind === "destroy").length;
    const replaced = loud.length - destroyed;
    const what = [
      destroyed > 0 ? `destroys ${plural(destroyed, "resource")}` : "",
      replaced > 0 ? `replaces ${plural(replaced, "resource")}` : "",
    ]
      .filter(Boolean)
      .join(" and ");
    lines.push("> [!CAUTION]", `> **This plan ${what}.** Review these first:`);
    for (const row of loud.slice(0, MAX_CALLOUT_ROWS)) {
      const forced = row.forcedBy.length > 0 ? `, forced by ${row.forcedBy.map(code).join(", ")}` : "";
      const where = row.constructPath ? ` (${code(row.constructPath)})` : "";
      lines.push(`> - ${KIND_LABEL[row.kind]} ${code(row.address)}${where}${forced}`);
    }
    if (loud.length > MAX_CALLOUT_ROWS) lines.push(`> - … and ${loud.length - MAX_CALLOUT_ROWS} more: see the table.`);
    lines.push("");
  }
  for (const consequence of review.consequences) lines.push("> [!WARNING]", `> ${consequence.message}`, "");
  return lines;
}

function ignoredLine(review: PlanReview): string[] {
  if (review.ignored.length === 0) return [];
  const items = review.ignored.map(
    (i) => `${code(i.address)} ignores ${i.attributes === "all" ? "all changes" : i.attributes.map(code).join(", ")}`,
  );
  return [`Hidden from this plan by \`lifecycle.ignore_changes\`: ${items.join("; ")}.`, ""];
}

const DRIFT_LABEL: Readonly<Record<DriftRow["action"], string>> = {
  update: "🟡 changed",
  delete: "🔴 deleted",
  move: "🔵 moved",
};

function driftTable(rows: PlanReview["drift"], clean: Clean): string[] {
  const lines = ["| outside Terraform | resource and what changed |", "| --- | --- |"];
  for (const row of rows) {
    const details = resourceLines(row.address, row.constructPath);
    if (row.action === "delete") details.push("_deleted outside Terraform_");
    if (row.previousAddress) details.push(`found by the refresh under ${code(row.previousAddress)}`);
    details.push(...row.diff.changes.flatMap((change) => changeLines(change, clean)));
    lines.push(`| ${DRIFT_LABEL[row.action]} | ${cell(details)} |`);
  }
  return lines;
}

/** Drift this plan depends on, loud; the rest (what AWS fills in after an apply) folded away. */
function driftSection(review: PlanReview, withOther: boolean, clean: Clean): string[] {
  const relevant = review.drift.filter((d) => d.relevant);
  const other = review.drift.filter((d) => !d.relevant);
  const lines: string[] = [];
  if (relevant.length > 0) {
    lines.push(
      "#### Changed outside Terraform",
      "",
      `Since the last apply, ${plural(relevant.length, "resource was", "resources were")} changed outside ` +
        "Terraform. This is not the pull request's doing: the plan above puts back what the configuration sets, " +
        "unless the attribute is ignored." +
        (relevant.some((d) => d.action === "move")
          ? " A move the refresh found is recorded in the state by the next apply."
          : ""),
      "",
      ...driftTable(relevant, clean),
      "",
    );
  }
  if (other.length > 0 && withOther) {
    lines.push(
      "<details>",
      `<summary>Also found by the refresh: ${plural(other.length, "resource differs", "resources differ")} ` +
        "from the last apply in attributes this plan does not use (Terraform's plan text leaves these out)</summary>",
      "",
      ...driftTable(other, clean),
      "",
      "</details>",
      "",
    );
  }
  return lines;
}

function outputsLine(review: PlanReview): string[] {
  if (review.outputs.length === 0) return [];
  const names = review.outputs.map((o) => `${code(o.name)} (${o.actions.join(", ")})`);
  return [`Outputs that change: ${names.join(", ")}.`, ""];
}

/** The provider actions the apply runs (Terraform 1.14), with what triggers each. */
function actionsSection(review: PlanReview, clean: Clean): string[] {
  if (review.actions.length === 0) return [];
  const lines = ["#### Actions the apply invokes", "", "| action | what runs, and when |", "| --- | --- |"];
  for (const action of review.actions) {
    const details = [code(action.address), `on ${code(action.trigger)}`];
    if (action.config !== undefined) details.push(`config ${code(shorten(clean(action.config), MAX_VALUE_LENGTH))}`);
    lines.push(`| ⚡ invoke | ${cell(details)} |`);
  }
  return [...lines, ""];
}

/** What a reviewer must know first when the plan is not the whole story. */
function statusCallout(review: PlanReview): string[] {
  if (review.status === "errored") {
    return [
      "> [!CAUTION]",
      "> **This plan is incomplete: Terraform stopped at an error** (`errored: true`). What follows is only " +
        "what it planned before the error; it is not what an apply of this configuration would do.",
      "",
    ];
  }
  if (review.status === "incomplete") {
    return [
      "> [!WARNING]",
      "> **This plan is incomplete** (`complete: false`): Terraform deferred some changes to a later plan. " +
        "After this apply, plan again: more changes will follow.",
      "",
    ];
  }
  return [];
}

/** The line for a plan without changes: only a complete plan without drift to record says everything matches. */
/**
 * What the services run when it is a release's revision: the plan holds only its ARN, and a reviewer
 * should know that the apply leaves it (`ignore_changes`) and where its history is.
 */
function releasedLine(review: PlanReview, stack: string): string[] {
  if (review.released.length === 0) return [];
  const each = review.released.map(
    (s) => `${code(s.address)} runs ${code(s.revision)}` + (s.image === undefined ? "" : ` (${code(s.image)})`),
  );
  return [
    `Running now, deployed by a release: ${each.join("; ")}. Releases change it (\`npm run rollout -- ${stack}\`, ` +
      `history: \`npm run releases -- ${stack}\`), not this plan.`,
    "",
  ];
}

function noChangesLine(review: PlanReview): string {
  if (review.status === "errored") return "**Nothing was planned before the error.** This is not a clean plan.";
  if (review.status === "incomplete") return "**No changes in this round**, but the plan is incomplete (above).";
  if (review.drift.some((d) => d.relevant)) {
    return "**No changes to the infrastructure.** The refresh found changes outside Terraform (below): an apply records them in the state.";
  }
  return "**No changes.** The infrastructure matches the configuration.";
}

function diagram(review: PlanReview): string[] {
  const { nodes, edges } = review.graph;
  if (nodes.length === 0) return [];
  if (nodes.length > MAX_DIAGRAM_NODES) {
    return [`_No dependency graph: ${nodes.length} changed resources are more than a diagram can show._`, ""];
  }
  return [
    "<details>",
    nodes.length > MAX_DETAILED_NODES
      ? `<summary>Dependency graph of the ${plural(nodes.length, "changed resource")}, one box per construct and action</summary>`
      : `<summary>Dependency graph of the ${plural(nodes.length, "changed resource")}, by construct</summary>`,
    "",
    fenced(flowchart(nodes, edges), "mermaid"),
    "",
    "</details>",
    "",
  ];
}

function planTextBlock(text: string, budget: number, location: string): string[] {
  const opening = ["<details>", "<summary>Full plan (<code>terraform show</code>)</summary>", ""];
  const closing = ["", "</details>", ""];
  const note = (omitted: number, total: number) =>
    `_The plan text is trimmed to fit GitHub's comment limit: ${plural(omitted, "line")} of ` +
    `${total.toLocaleString("en-US")} are left out in the middle. ${location}_`;
  const overhead = commentLength([...opening, fenced("", "text"), ...closing, note(1e6, 1e6), ""].join("\n")) + 16;
  const room = budget - overhead;
  if (room < 200) return [`_The plan text does not fit in this comment. ${location}_`, ""];
  const trimmed = trimMiddle(text, room);
  const lines = [...opening];
  if (trimmed.omittedLines > 0) lines.push(note(trimmed.omittedLines, trimmed.totalLines), "");
  lines.push(fenced(trimmed.text, "text"), ...closing);
  return lines;
}

/** What a failed plan's summary shows: Terraform's own error, trimmed like a plan text. */
function failedBody(error: string, budget: number, location: string): string[] {
  const lines = [
    "> [!CAUTION]",
    "> **The plan failed.** Nothing was planned for this stack; Terraform's output follows.",
    "",
  ];
  const room = budget - commentLength(lines.join("\n")) - 200;
  const trimmed = trimMiddle(error.trim() === "" ? "(Terraform printed nothing)" : error, Math.max(room, 200));
  if (trimmed.omittedLines > 0) {
    lines.push(`_Trimmed: ${plural(trimmed.omittedLines, "line")} left out in the middle. ${location}_`, "");
  }
  lines.push(fenced(trimmed.text, "text"), "");
  return lines;
}

const DEFAULT_LOCATION = "The full plan is `plan.txt` beside this summary.";

/** The Markdown summary of one stack's plan (or of its failure). */
export function renderSummary(input: SummaryInput): string {
  const budget = input.budget ?? COMMENT_BUDGET;
  const configuration = input.configuration ?? EMPTY_CONFIGURATION;
  const location = input.fullPlanLocation ?? DEFAULT_LOCATION;
  const plan = input.plan ? withAddresses(input.plan) : undefined;
  const secrets = new Set([...(plan ? sensitiveStrings(plan) : []), ...(input.secrets ?? [])]);
  const clean = (text: string) => scrub(text, secrets);

  const header = [markerLine(input.stack), `### Terraform plan: ${code(input.stack)}`, ""];
  const facts = [
    input.commit ? `commit ${code(input.commit)}` : "",
    plan?.terraform_version ? `Terraform ${plan.terraform_version}` : "",
  ].filter(Boolean);
  if (facts.length > 0) header.push(facts.join(" · "), "");

  if (!plan) {
    return finish([
      ...header,
      ...failedBody(clean(input.error ?? ""), budget - commentLength(header.join("\n")), location),
    ]);
  }

  const review = reviewPlan(plan, configuration, input.runningImages);
  const attempt = (compact: boolean, withDiagram: boolean, maxRows: number): string[] => {
    const body = [...header, ...statusCallout(review)];
    if (!hasChanges(review)) {
      body.push(noChangesLine(review), "");
      body.push(...releasedLine(review, input.stack));
    } else {
      body.push(headlineCounts(review), "");
      body.push(...callouts(review));
      if (review.rows.length > 0) body.push(...table(review, compact, clean, maxRows), "");
      body.push(...actionsSection(review, clean));
      body.push(...ignoredLine(review));
      if (review.consequences.length === 0) body.push(...releasedLine(review, input.stack));
      body.push(...outputsLine(review));
    }
    body.push(...driftSection(review, !compact, clean));
    if (withDiagram) body.push(...diagram(review));
    return body.map(clean);
  };

  // Most detail first; less when even the summary without the plan text is too long.
  let body = attempt(false, true, Infinity);
  if (commentLength(body.join("\n")) > budget * 0.8) body = attempt(true, true, Infinity);
  if (commentLength(body.join("\n")) > budget * 0.8) body = attempt(true, false, Infinity);
  for (let rows = review.rows.length; commentLength(body.join("\n")) > budget * 0.8 && rows > 0;) {
    rows = Math.floor(rows / 2);
    body = attempt(true, false, rows);
  }
  const room = budget - commentLength(body.join("\n"));
  const text = input.planText === undefined ? [] : planTextBlock(clean(input.planText), room, location);
  let result = finish([...body, ...text]);
  // A secret that only appeared across two parts would make the final scrub change the length: re-check.
  if (commentLength(result) > budget && input.planText !== undefined) {
    const over = commentLength(result) - budget;
    result = finish([...body, ...planTextBlock(clean(input.planText), room - over - 100, location)]);
  }
  // Last resort (thousands of drifted resources, say): cut the summary itself in the middle.
  if (commentLength(result) > budget) {
    const note = `_The summary is cut to fit GitHub's comment limit. ${location}_`;
    result = finish([trimMiddle(body.join("\n"), budget - commentLength(note) - 100).text, "", note]);
  }
  return result;

  function finish(lines: string[]): string {
    return `${clean(lines.join("\n")).replace(/\n+$/, "")}\n`;
  }
}

/** The summary of a saved plan's JSON, with Terraform's text of it when there is one. */
export function summarizePlan(
  plan: PlanJson,
  stack: string,
  options: Omit<SummaryInput, "stack" | "plan"> = {},
): string {
  return renderSummary({ ...options, stack, plan });
}
