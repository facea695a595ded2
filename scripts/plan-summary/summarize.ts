// Turns `terraform show -json <plan>` into Markdown for a pull request: counts,
// then every change, destroys and replacements first, with the attributes that change.

/** The parts of Terraform's JSON plan representation read here. */
export interface PlanJson {
  readonly resource_changes?: readonly ResourceChange[];
  readonly output_changes?: Readonly<Record<string, { readonly actions: readonly string[] }>>;
}

interface ResourceChange {
  readonly address: string;
  readonly mode: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: unknown;
    readonly after?: unknown;
    readonly after_unknown?: unknown;
    readonly replace_paths?: readonly (readonly (string | number)[])[];
  };
}

type Kind = "destroy" | "replace" | "update" | "create";

const LABEL: Record<Kind, string> = {
  destroy: "🔴 destroy",
  replace: "🟠 replace",
  update: "🟡 update",
  create: "🟢 create",
};

function kind(actions: readonly string[]): Kind | undefined {
  const joined = actions.join(",");
  if (joined === "create") return "create";
  if (joined === "update") return "update";
  if (joined === "delete") return "destroy";
  if (joined === "delete,create" || joined === "create,delete") return "replace";
  return undefined; // no-op, read
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Top-level attributes whose value changes, or is known only after apply. */
function changedAttributes(change: ResourceChange["change"]): string[] {
  const before = isRecord(change.before) ? change.before : {};
  const after = isRecord(change.after) ? change.after : {};
  const unknown = isRecord(change.after_unknown) ? change.after_unknown : {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]) || unknown[key] === true)
    .filter((key) => !(before[key] === undefined && after[key] === null))
    .sort();
}

/** A value as JSON, cut in the middle when long: the end of an ARN (its revision) stays readable. */
function short(value: unknown): string {
  const text = JSON.stringify(value) ?? "null";
  return text.length > 100 ? `${text.slice(0, 40)}…${text.slice(-59)}` : text;
}

function describe(c: ResourceChange, k: Kind): string {
  if (k === "create" || k === "destroy") return "";
  const forcing = (c.change.replace_paths ?? []).map((p) => `\`${p.join(".")}\``);
  const before = isRecord(c.change.before) ? c.change.before : {};
  const after = isRecord(c.change.after) ? c.change.after : {};
  const unknown = isRecord(c.change.after_unknown) ? c.change.after_unknown : {};
  const attributes = changedAttributes(c.change).map((key) =>
    unknown[key] === true
      ? `\`${key}\`: ${short(before[key])} → (known after apply)`
      : `\`${key}\`: ${short(before[key])} → ${short(after[key])}`,
  );
  const parts = [];
  if (forcing.length > 0) parts.push(`forces replacement: ${forcing.join(", ")}`);
  parts.push(...attributes);
  return parts.join("<br>");
}

/** The Markdown summary of a plan, for a pull request comment or a CI job summary. */
export function summarizePlan(plan: PlanJson, title: string): string {
  const rows: { kind: Kind; address: string; detail: string }[] = [];
  for (const c of plan.resource_changes ?? []) {
    if (c.mode !== "managed") continue;
    const k = kind(c.change.actions);
    if (k) rows.push({ kind: k, address: c.address, detail: describe(c, k) });
  }
  const order: Kind[] = ["destroy", "replace", "update", "create"];
  rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.address.localeCompare(b.address));
  const count = (k: Kind) => rows.filter((r) => r.kind === k).length;

  const lines = [`### Terraform plan: ${title}`, ""];
  if (rows.length === 0) {
    lines.push("**No changes.** The infrastructure matches the configuration.");
  } else {
    lines.push(
      `**${count("create")} to add, ${count("update")} to change, ${count("replace")} to replace, ${count("destroy")} to destroy.**`,
    );
    if (count("destroy") + count("replace") > 0) {
      lines.push("", "> ⚠️ This plan destroys or replaces resources: they are listed first.");
    }
    lines.push("", "| action | address | what changes |", "| --- | --- | --- |");
    for (const row of rows) lines.push(`| ${LABEL[row.kind]} | \`${row.address}\` | ${row.detail} |`);
  }
  const outputs = Object.entries(plan.output_changes ?? {})
    .filter(([, o]) => o.actions.join(",") !== "no-op")
    .map(([name]) => `\`${name}\``);
  if (outputs.length > 0) lines.push("", `Outputs changing: ${outputs.join(", ")}`);
  return `${lines.join("\n")}\n`;
}
