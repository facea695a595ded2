// Drift: what a refresh-only plan finds changed outside Terraform, sorted into what counts and what
// does not, and its Markdown report. The work behind `npm run drift` (drift-cli.ts is the command).
//
// Per attribute that the refresh finds changed (its top-level attribute decides):
// - drift: the resource was deleted, or the attribute is one the configuration sets (or `tags`,
//   `tags_all`: the provider owns every tag), so a plan would change it back;
// - ignored: the resource's `lifecycle.ignore_changes` names it (the note's service and its task
//   definition, deployed outside Terraform): changed on purpose, a plan leaves it;
// - filled in: an attribute the configuration does not set, which AWS fills in after creation (an
//   EIP's association once its NAT gateway exists, a policy's attachment count, a security group's
//   rules managed as their own resources): not drift, so a stack just deployed reports none.
import * as fs from "fs";
import * as path from "path";
import { compareAddresses } from "./actions";
import { configurationAddress, configurationBeside, resourceInfo, StackConfiguration } from "./configuration";
import { indexConfiguration } from "./dependencies";
import { AttributeChange, diffValues } from "./diff";
import { withInit } from "./init";
import { cell, code, plural } from "./markdown";
import { PlanJson } from "./plan-json";
import { hasLocalState } from "./planner";
import { changeMarks, scrub, sensitiveStrings } from "./sensitive";
import { stackFolder, terraform } from "./stacks";

export type DriftCategory = "drift" | "ignored" | "filled";

export interface DriftFinding {
  readonly address: string;
  readonly constructPath?: string;
  readonly category: DriftCategory;
  /** Deleted outside Terraform (drift, with no attribute changes). */
  readonly deleted: boolean;
  readonly changes: readonly AttributeChange[];
}

/** Attributes that count as set by the configuration whatever it says: the provider owns every tag. */
const ALWAYS_MANAGED = new Set(["tags", "tags_all"]);

/** The top-level attribute of a diff path: `route[0].cidr_block` -> `route`. */
export function topAttribute(diffPath: string): string {
  return /^[^.[]+/.exec(diffPath)?.[0] ?? diffPath;
}

/** Sorts what a refresh-only plan found into drift, ignored and filled in. */
export function findDrift(plan: PlanJson, configuration: StackConfiguration): DriftFinding[] {
  const index = indexConfiguration(plan);
  const findings: DriftFinding[] = [];
  for (const change of plan.resource_drift ?? []) {
    if (change.mode !== "managed") continue;
    const constructPath = resourceInfo(configuration, change.address).constructPath;
    if (change.change.actions.join(",") === "delete") {
      findings.push({ address: change.address, constructPath, category: "drift", deleted: true, changes: [] });
      continue;
    }
    const changes = diffValues(change.change.before, change.change.after, changeMarks(change.change));
    const configured = index.get(configurationAddress(change.address))?.arguments ?? new Set<string>();
    const ignore = resourceInfo(configuration, change.address).ignoreChanges;
    const categoryOf = (attribute: string): DriftCategory => {
      if (ignore === "all" || ignore.some((i) => topAttribute(i) === attribute)) return "ignored";
      return configured.has(attribute) || ALWAYS_MANAGED.has(attribute) ? "drift" : "filled";
    };
    for (const category of ["drift", "ignored", "filled"] as const) {
      const these = changes.filter((c) => categoryOf(topAttribute(c.path)) === category);
      if (these.length > 0) {
        findings.push({ address: change.address, constructPath, category, deleted: false, changes: these });
      }
    }
  }
  return findings.sort((a, b) => compareAddresses(a.address, b.address));
}

function changeLine(change: AttributeChange): string {
  return `${code(change.path)}: ${code(change.before ?? "null")} → ${code(change.after)}`;
}

function table(findings: readonly DriftFinding[]): string[] {
  const lines = ["| address | construct | changed outside Terraform |", "| --- | --- | --- |"];
  for (const f of findings) {
    const details = f.deleted ? ["_deleted outside Terraform_"] : f.changes.map(changeLine);
    lines.push(`| ${code(f.address)} | ${f.constructPath ? code(f.constructPath) : ""} | ${cell(details)} |`);
  }
  return lines;
}

const resources = (n: number) => plural(n, "resource");

/** The Markdown report of one stack's drift, scrubbed of every sensitive value the plan holds. */
export function renderDrift(stack: string, plan: PlanJson, findings: readonly DriftFinding[]): string {
  const drift = findings.filter((f) => f.category === "drift");
  const ignored = findings.filter((f) => f.category === "ignored");
  const filled = findings.filter((f) => f.category === "filled");
  const lines = [`### Drift: ${code(stack)}`, ""];
  if (drift.length === 0) {
    lines.push("**No drift.** The infrastructure matches what the configuration sets.", "");
  } else {
    lines.push(
      `**Drift: ${resources(new Set(drift.map((f) => f.address)).size)} changed outside Terraform** in what ` +
        "the configuration sets. The next apply puts back what the configuration says; change the configuration " +
        "instead if the change is wanted.",
      "",
      ...table(drift),
      "",
    );
  }
  if (ignored.length > 0) {
    lines.push(
      "<details>",
      `<summary>Not drift: ${resources(ignored.length)} changed in attributes the configuration ignores ` +
        "(<code>lifecycle.ignore_changes</code>: changed outside Terraform on purpose)</summary>",
      "",
      ...table(ignored),
      "",
      "</details>",
      "",
    );
  }
  if (filled.length > 0) {
    lines.push(
      "<details>",
      `<summary>Not drift: ${resources(filled.length)} hold values AWS fills in after creation, in attributes ` +
        "the configuration does not set</summary>",
      "",
      ...table(filled),
      "",
      "</details>",
      "",
    );
  }
  return `${scrub(lines.join("\n"), sensitiveStrings(plan)).replace(/\n+$/, "")}\n`;
}

export interface StackDrift {
  readonly stack: string;
  /** 0 no drift, 2 drift, 1 the refresh failed. */
  readonly code: 0 | 1 | 2;
  /** The Markdown report, also in drift.md. */
  readonly report: string;
}

/** A refresh-only plan of a synthesized stack, its findings, and drift.md; never throws for a Terraform failure. */
export async function driftStack(out: string, stack: string): Promise<StackDrift> {
  const dir = stackFolder(out, stack);
  for (const file of ["drift.tfplan", "drift.json", "drift.md"]) fs.rmSync(path.join(dir, file), { force: true });
  const failed = (output: string): StackDrift => {
    const report = [
      `### Drift: ${code(stack)}`,
      "",
      "> [!CAUTION]",
      "> **The refresh failed.** Drift is unknown; Terraform's output follows.",
      "",
      "```text",
      output.trim().replace(/```/g, "'''"),
      "```",
      "",
    ].join("\n");
    fs.writeFileSync(path.join(dir, "drift.md"), report);
    return { stack, code: 1, report };
  };
  if (process.env.GITHUB_ACTIONS === "true" && hasLocalState(dir)) {
    return failed("This stack keeps its state in a local file, which a CI runner starts without: nothing to compare.");
  }
  const refreshRun = await withInit(dir, ["plan", "-refresh-only", "-input=false", "-out=drift.tfplan"]);
  if ("initError" in refreshRun) return failed(refreshRun.initError);
  const refresh = refreshRun.run;
  if (refresh.code !== 0) return failed(`${refresh.stderr}${refresh.stdout}`);
  const json = await terraform(dir, ["show", "-json", "drift.tfplan"], path.join(dir, "drift.json"));
  fs.rmSync(path.join(dir, "drift.tfplan"), { force: true });
  if (json.code !== 0) return failed(`$ terraform show -json\n${json.stderr}`);
  const plan = JSON.parse(fs.readFileSync(path.join(dir, "drift.json"), "utf8")) as PlanJson;
  const findings = findDrift(plan, configurationBeside(path.join(dir, "cdk.tf.json")));
  const report = renderDrift(stack, plan, findings);
  fs.writeFileSync(path.join(dir, "drift.md"), report);
  return { stack, code: findings.some((f) => f.category === "drift") ? 2 : 0, report };
}
