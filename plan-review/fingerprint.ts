// The reviewed plan's fingerprint: a sha256 of what a plan will do, so that the deploy can tell
// whether the plan it is about to apply is the one reviewers approved (plan:verify, verify.ts).
//
// What moves it (each enters as canonical JSON, keys sorted, entries sorted by address):
// - per resource change that does something (create, update, delete, replace, read, forget, or a
//   no-op that moves or imports): the address, `previous_address`, `deposed`, the actions, Terraform's
//   `action_reason`, `replace_paths` (sorted), the import's `id` and `identity`;
// - for creates, updates and replacements, every leaf whose value differs between before and after,
//   with both values; a leaf only known after apply enters as "unknown" (after_unknown folded in);
// - per output that changes: its name, actions and differing leaves, the same way.
// What does not:
// - values that do not change (a refreshed `arn`, an EIP's association, anything the refresh found
//   on an attribute the plan leaves alone) and the values of a destroyed resource: refresh-only
//   differences that change nothing planned leave it where it was;
// - `resource_drift`, `prior_state`, `relevant_attributes`, the Terraform version, timestamps;
// - no-op resources and outputs; null versus an empty list or map (no leaf either way);
// - a sensitive value, or one that the plan review's scrub would hide: it enters only as
//   "changed" (an unchanged one not at all), never as its value or a hash of it, so the
//   fingerprint, which is public in the pull request, cannot be used to test a guess.
import { createHash } from "crypto";
import { JsonValue, PlanAction, PlanJson, ResourceChange, ValueMarks } from "./plan-json";
import { childMarks, scrub, sensitiveStrings, unionMarks } from "./sensitive";

/** Bumped when what enters the fingerprint changes: a plan fingerprinted by another version never matches. */
export const FINGERPRINT_VERSION = 1;

/** One leaf that differs: its path, and each side as a value, "unknown" (after apply) or "changed" (sensitive). */
export type LeafChange =
  | readonly [path: readonly (string | number)[], before: Side, after: Side]
  | readonly [path: readonly (string | number)[], sensitive: "changed"];
export type Side = { readonly value: JsonValue } | "unknown";

/** What one resource or output change contributes to the fingerprint. */
export interface FingerprintEntry {
  /** The resource address, or `output.<name>`. */
  readonly address: string;
  readonly actions: readonly PlanAction[];
  readonly previousAddress?: string;
  readonly deposed?: string;
  readonly reason?: string;
  readonly replacePaths?: readonly (readonly (string | number)[])[];
  readonly importing?: { readonly id?: string; readonly identity?: JsonValue };
  readonly leaves: readonly LeafChange[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted at every level and no whitespace: the same value, the same text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

interface Walk {
  readonly secrets: ReadonlySet<string>;
  readonly into: LeafChange[];
}

/** Whether a leaf must never enter as a value: marked sensitive, or holding a string the scrub hides. */
function hidden(value: unknown, marks: ValueMarks | undefined, secrets: ReadonlySet<string>): boolean {
  if (marks === true) return true;
  return typeof value === "string" && scrub(value, secrets) !== value;
}

/** Collects the leaves that differ between `before` and `after`, walking both shapes at once. */
function walkLeaves(
  before: unknown,
  after: unknown,
  unknown: ValueMarks | undefined,
  sensitive: ValueMarks | undefined,
  path: (string | number)[],
  walk: Walk,
): void {
  if (sensitive === true) {
    if (canonicalJson(before ?? null) !== canonicalJson(after ?? null)) walk.into.push([path, "changed"]);
    return;
  }
  if (unknown === true) {
    walk.into.push([path, leafSide(before, sensitive, walk), "unknown"]);
    return;
  }
  const container = (v: unknown) => Array.isArray(v) || isRecord(v);
  if (container(before) || container(after) || (unknown !== undefined && unknown !== false)) {
    const keys: (string | number)[] = [];
    if (Array.isArray(before) || Array.isArray(after) || Array.isArray(unknown)) {
      const length = Math.max(
        Array.isArray(before) ? before.length : 0,
        Array.isArray(after) ? after.length : 0,
        Array.isArray(unknown) ? unknown.length : 0,
      );
      for (let i = 0; i < length; i++) keys.push(i);
    }
    const names = new Set<string>();
    for (const side of [before, after, unknown]) if (isRecord(side)) Object.keys(side).forEach((k) => names.add(k));
    keys.push(...[...names].sort());
    const child = (value: unknown, key: string | number): unknown =>
      Array.isArray(value) && typeof key === "number"
        ? value[key]
        : isRecord(value) && typeof key === "string"
          ? value[key]
          : undefined;
    for (const key of keys) {
      walkLeaves(
        child(before, key),
        child(after, key),
        childMarks(unknown, key),
        childMarks(sensitive, key),
        [...path, key],
        walk,
      );
    }
    return;
  }
  // Two scalars (null and absent alike).
  const left = before ?? null;
  const right = after ?? null;
  if (left === right) return;
  if (hidden(left, sensitive, walk.secrets) || hidden(right, sensitive, walk.secrets)) {
    walk.into.push([path, "changed"]);
    return;
  }
  walk.into.push([path, { value: left as JsonValue }, { value: right as JsonValue }]);
}

function leafSide(value: unknown, marks: ValueMarks | undefined, walk: Walk): Side {
  // A side that is a container or hidden enters without its value: only that it becomes unknown.
  if (value === undefined || value === null) return { value: null };
  if (typeof value === "object" || hidden(value, marks, walk.secrets)) return { value: "(set)" };
  return { value: value as JsonValue };
}

function changedLeaves(
  before: unknown,
  after: unknown,
  unknown: ValueMarks | undefined,
  sensitive: ValueMarks | undefined,
  secrets: ReadonlySet<string>,
): LeafChange[] {
  const into: LeafChange[] = [];
  walkLeaves(before, after, unknown, sensitive, [], { secrets, into });
  return into;
}

/** Whether a resource change does anything: no-ops count only when they move or import. */
function doesSomething(change: ResourceChange): boolean {
  if (change.change.actions.join(",") !== "no-op") return true;
  return (
    change.change.importing !== undefined ||
    (change.previous_address !== undefined && change.previous_address !== change.address)
  );
}

function resourceEntry(change: ResourceChange, secrets: ReadonlySet<string>): FingerprintEntry {
  const { actions } = change.change;
  const withValues = actions.includes("create") || actions.includes("update");
  const sensitive = unionMarks(change.change.before_sensitive, change.change.after_sensitive);
  const loose = change as ResourceChange & { readonly deposed?: string };
  const replacePaths = change.change.replace_paths?.length
    ? [...change.change.replace_paths].sort((a, b) => compare(canonicalJson(a), canonicalJson(b)))
    : undefined;
  return {
    address: change.address,
    actions,
    previousAddress:
      change.previous_address && change.previous_address !== change.address ? change.previous_address : undefined,
    deposed: loose.deposed,
    reason: change.action_reason,
    replacePaths,
    importing: change.change.importing
      ? { id: change.change.importing.id, identity: change.change.importing.identity }
      : undefined,
    leaves: withValues
      ? changedLeaves(
          actions.includes("create") && !actions.includes("delete") ? null : change.change.before,
          change.change.after,
          change.change.after_unknown,
          sensitive,
          secrets,
        )
      : [],
  };
}

interface OutputWithValues {
  readonly actions: readonly PlanAction[];
  readonly before?: JsonValue;
  readonly after?: JsonValue;
  readonly after_unknown?: ValueMarks;
  readonly before_sensitive?: ValueMarks;
  readonly after_sensitive?: ValueMarks;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The entries of a plan, sorted by address: what the fingerprint hashes. */
export function fingerprintEntries(plan: PlanJson): FingerprintEntry[] {
  const secrets = sensitiveStrings(plan);
  const entries: FingerprintEntry[] = [];
  for (const change of plan.resource_changes ?? []) {
    if (doesSomething(change)) entries.push(resourceEntry(change, secrets));
  }
  for (const [name, output] of Object.entries((plan.output_changes ?? {}) as Record<string, OutputWithValues>)) {
    if (output.actions.join(",") === "no-op") continue;
    const sensitive = unionMarks(output.before_sensitive, output.after_sensitive);
    entries.push({
      address: `output.${name}`,
      actions: output.actions,
      leaves: changedLeaves(output.before, output.after, output.after_unknown, sensitive, secrets),
    });
  }
  // A resource can hold a current and a deposed object under one address.
  return entries.sort((a, b) => compare(`${a.address} ${a.deposed ?? ""}`, `${b.address} ${b.deposed ?? ""}`));
}

/** The short digest of one entry, as the comment's hidden list carries it (64 bits of its sha256). */
export function entryDigest(entry: FingerprintEntry): string {
  return sha256(canonicalJson({ v: FINGERPRINT_VERSION, ...entry })).slice(0, 16);
}

/** The fingerprint of a plan: sha256 hex of the canonical JSON of its entries. */
export function fingerprint(plan: PlanJson): string {
  return sha256(canonicalJson({ v: FINGERPRINT_VERSION, entries: fingerprintEntries(plan) }));
}

/** What the comment's hidden marker carries about the plan, for plan:verify. */
export interface Verification {
  readonly fingerprint: string;
  /** The base commit the pull request was planned against (`pull_request.base.sha`). */
  readonly base?: string;
  /** The commit planned (the pull request's head). */
  readonly head?: string;
  /** Per entry: its address, actions and digest, so that a difference can be named. */
  readonly entries?: readonly { readonly address: string; readonly actions: string; readonly digest: string }[];
}

/** More entries than this and the hidden list is left out (the fingerprint alone still decides). */
export const MAX_MARKED_ENTRIES = 300;

/** The verification of a plan: its fingerprint, the commits, and one digest per entry. */
export function verificationOf(plan: PlanJson, commits: { base?: string; head?: string } = {}): Verification {
  const entries = fingerprintEntries(plan);
  return {
    fingerprint: sha256(canonicalJson({ v: FINGERPRINT_VERSION, entries })),
    base: commits.base,
    head: commits.head,
    entries: entries.map((e) => ({ address: e.address, actions: e.actions.join(","), digest: entryDigest(e) })),
  };
}

/** `--` would end an HTML comment early: the marker never holds it. */
function safe(text: string): string {
  return text.replace(/--/g, "-\u200b-");
}

const COMMIT = /^[0-9a-f]{7,40}$/i;

/**
 * The hidden lines of a stack's comment: the marker (stack, fingerprint, base, head), then the
 * entries, one per line: `<digest> <actions> <address>`.
 */
export function markerText(stack: string, verification?: Verification): string {
  const fields = [`stack=${safe(stack)}`];
  if (verification) {
    fields.push(`fingerprint=${verification.fingerprint}`);
    if (verification.base && COMMIT.test(verification.base)) fields.push(`base=${verification.base}`);
    if (verification.head && COMMIT.test(verification.head)) fields.push(`head=${verification.head}`);
  }
  const marker = `<!-- plan-review:${fields.join(" ")} -->`;
  const entries = verification?.entries;
  if (!entries || entries.length === 0) return marker;
  if (entries.length > MAX_MARKED_ENTRIES) return `${marker}\n<!-- plan-review:entries omitted=${entries.length} -->`;
  const lines = entries.map((e) => `${e.digest} ${e.actions} ${safe(e.address)}`);
  return `${marker}\n<!-- plan-review:entries\n${lines.join("\n")}\n-->`;
}

/** The marker of a stack read back from a comment's text; undefined when the text has none for the stack. */
export function readMarker(text: string, stack: string): Verification | undefined {
  for (const match of text.matchAll(/<!-- plan-review:(stack=\S+(?: [a-z]+=\S+)*) -->/g)) {
    const fields = new Map(
      (match[1] ?? "").split(" ").map((f) => [f.slice(0, f.indexOf("=")), f.slice(f.indexOf("=") + 1)] as const),
    );
    if (fields.get("stack") !== safe(stack)) continue;
    const fingerprintValue = fields.get("fingerprint");
    if (!fingerprintValue || !/^[0-9a-f]{64}$/.test(fingerprintValue)) return undefined;
    // The entries block, when there is one, follows its marker on the next line.
    const rest = text.slice((match.index ?? 0) + match[0].length);
    const list = /^\n<!-- plan-review:entries\n([\s\S]*?)\n-->/.exec(rest)?.[1];
    const entries = list
      ?.split("\n")
      .map((line) => /^([0-9a-f]{16}) (\S+) (.+)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ digest: m[1] ?? "", actions: m[2] ?? "", address: (m[3] ?? "").replace(/\u200b/g, "") }));
    return { fingerprint: fingerprintValue, base: fields.get("base"), head: fields.get("head"), entries };
  }
  return undefined;
}
