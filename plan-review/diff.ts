// The attribute changes of one resource, as a reviewer reads them: one line per changed leaf,
// named by its path; JSON held in a string (container definitions, policies) diffed by path inside
// the document; what AWS normalizes and empty-versus-null never shown; sensitive parts masked.
import { Kind } from "./actions";
import { Change, JsonValue, ValueMarks } from "./plan-json";
import { changeMarks, childMarks, SENSITIVE } from "./sensitive";
import { isEmpty, isRecord, joinPath, KNOWN_AFTER_APPLY, parseJsonDocument, renderValue, sameValue } from "./values";

/** One changed leaf: `path: before → after`, or `path = value` for a resource being created. */
export interface AttributeChange {
  readonly path: string;
  /** Rendered; undefined for a created resource's value. */
  readonly before?: string;
  readonly after: string;
}

export interface ResourceDiff {
  readonly changes: readonly AttributeChange[];
  /** Top-level attributes known only after apply, folded into one line (created and replaced resources). */
  readonly knownAfterApply: readonly string[];
}

/**
 * Keys that AWS adds to a container definition with a default value when it stores one; a key
 * present on one side only with this value is not a change. (Empty lists and maps, such as
 * `environment`, `mountPoints`, `volumesFrom` and `systemControls`, are covered by the empty rule.)
 */
const DOCUMENT_DEFAULTS: Readonly<Record<string, (value: unknown, sibling: Record<string, unknown>) => boolean>> = {
  cpu: (value) => value === 0,
  // awsvpc: AWS sets the host port to the container port.
  hostPort: (value, sibling) => value === sibling.containerPort,
};

/** IAM treats `"Action": "s3:GetObject"` and `"Action": ["s3:GetObject"]` alike; so does the diff. */
function normalizePolicy(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length === 1 && typeof value[0] === "string") return value[0];
    return value.map(normalizePolicy);
  }
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizePolicy(v)]));
  return value;
}

function normalizeDocument(document: JsonValue): unknown {
  return isRecord(document) && "Statement" in document ? normalizePolicy(document) : document;
}

function isPrimitiveList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => item === null || typeof item !== "object");
}

interface Walk {
  readonly out: AttributeChange[];
  /** Inside a JSON document held by a string attribute: AWS's defaults apply. */
  readonly inDocument: boolean;
}

function walk(
  walker: Walk,
  path: string,
  before: unknown,
  after: unknown,
  marks: ValueMarks | undefined,
  unknown: ValueMarks | undefined,
): void {
  const { out } = walker;
  if (unknown === true) {
    out.push({ path, before: renderValue(before, marks), after: KNOWN_AFTER_APPLY });
    return;
  }
  if (marks === true) {
    if (!sameValue(before, after)) {
      out.push({ path, before: renderValue(before, true), after: renderValue(after, true) });
    }
    return;
  }
  if (isEmpty(before) && isEmpty(after) && !hasUnknown(unknown)) return;

  const beforeDocument = parseJsonDocument(before);
  const afterDocument = parseJsonDocument(after);
  if (beforeDocument !== undefined && afterDocument !== undefined) {
    walk(
      { out, inDocument: true },
      path,
      normalizeDocument(beforeDocument),
      normalizeDocument(afterDocument),
      undefined,
      undefined,
    );
    return;
  }

  const structured = (v: unknown) => isRecord(v) || (Array.isArray(v) && !isPrimitiveList(v));
  if ((structured(before) || isEmpty(before)) && (structured(after) || isEmpty(after))) {
    if (Array.isArray(before) || Array.isArray(after)) {
      const left = Array.isArray(before) ? before : [];
      const right = Array.isArray(after) ? after : [];
      if (isRecord(before) || isRecord(after)) {
        pushLeaf(out, path, before, after, marks);
        return;
      }
      for (let i = 0; i < Math.max(left.length, right.length); i++) {
        walk(walker, joinPath(path, i), left[i], right[i], childMarks(marks, i), childMarks(unknown, i));
      }
      return;
    }
    const left = isRecord(before) ? before : {};
    const right = isRecord(after) ? after : {};
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    for (const key of keys) {
      if (walker.inDocument && isAwsDefault(key, left, right)) continue;
      walk(walker, joinPath(path, key), left[key], right[key], childMarks(marks, key), childMarks(unknown, key));
    }
    return;
  }
  if (!sameValue(before, after)) pushLeaf(out, path, before, after, marks);
}

function pushLeaf(
  out: AttributeChange[],
  path: string,
  before: unknown,
  after: unknown,
  marks: ValueMarks | undefined,
): void {
  out.push({ path, before: renderValue(before, marks), after: renderValue(after, marks) });
}

/** A key on one side only, with the value AWS fills in by default. */
function isAwsDefault(key: string, left: Record<string, unknown>, right: Record<string, unknown>): boolean {
  const isDefault = DOCUMENT_DEFAULTS[key];
  if (!isDefault) return false;
  if (!(key in left)) return isDefault(right[key], right);
  if (!(key in right)) return isDefault(left[key], left);
  return false;
}

function hasUnknown(unknown: ValueMarks | undefined): boolean {
  if (unknown === true) return true;
  if (Array.isArray(unknown)) return (unknown as ValueMarks[]).some(hasUnknown);
  if (isRecord(unknown)) return Object.values(unknown as Record<string, ValueMarks>).some(hasUnknown);
  return false;
}

/**
 * A created resource's value: a JSON document as the document; a block without the empty values
 * the provider fills in (`"elb_name": ""`, `"authenticate_oidc": []`), with `(known after apply)`
 * where a part is not known yet; sensitive parts masked.
 */
function renderCreated(value: unknown, marks: ValueMarks | undefined, unknown: ValueMarks | undefined): string {
  if (marks === true || !(isRecord(value) || Array.isArray(value))) return renderValue(value, marks);
  const overlay = (v: unknown, m: ValueMarks | undefined, u: ValueMarks | undefined): unknown => {
    if (m === true) return v === null || v === undefined ? v : SENSITIVE;
    if (u === true) return KNOWN_AFTER_APPLY;
    if (Array.isArray(v) || Array.isArray(u)) {
      const list = Array.isArray(v) ? v : [];
      const length = Math.max(list.length, Array.isArray(u) ? (u as ValueMarks[]).length : 0);
      return Array.from({ length }, (_, i) => overlay(list[i], childMarks(m, i), childMarks(u, i)));
    }
    if (isRecord(v) || isRecord(u)) {
      const record = isRecord(v) ? v : {};
      const keys = [...new Set([...Object.keys(record), ...(isRecord(u) ? Object.keys(u) : [])])].sort();
      const entries = keys
        .map((k) => [k, overlay(record[k], childMarks(m, k), childMarks(u, k))] as const)
        .filter(([, child]) => !isEmpty(child));
      return Object.fromEntries(entries);
    }
    return v;
  };
  return JSON.stringify(overlay(value, marks, unknown)) ?? "null";
}

/** The changes between two values of an attribute (or of a whole resource), leaf by leaf. */
export function diffValues(
  before: unknown,
  after: unknown,
  marks?: ValueMarks,
  unknown?: ValueMarks,
  path = "",
): AttributeChange[] {
  const out: AttributeChange[] = [];
  walk({ out, inDocument: false }, path, before, after, marks, unknown);
  return out;
}

/**
 * What to show of a resource's change.
 * - update: every changed leaf, before → after;
 * - replace: the same, with attributes wholly known only after apply (ids, ARNs, revisions) folded;
 * - create: the configured arguments (`configured`, from the plan's configuration; every set
 *   attribute without it) as `name = value`, the unknown ones folded;
 * - destroy and the state-only kinds: nothing.
 */
export function diffResource(change: Change, kind: Kind, configured?: ReadonlySet<string>): ResourceDiff {
  const marks = changeMarks(change);
  const before = isRecord(change.before) ? change.before : {};
  const after = isRecord(change.after) ? change.after : {};
  const unknown = isRecord(change.after_unknown) ? (change.after_unknown as Record<string, ValueMarks>) : {};
  const forcing = new Set((change.replace_paths ?? []).map((p) => String(p[0])));

  if (kind === "create") {
    const changes: AttributeChange[] = [];
    const knownAfterApply: string[] = [];
    const keys = [...new Set([...Object.keys(after), ...Object.keys(unknown)])].sort();
    for (const key of keys) {
      if (configured && !configured.has(key)) continue;
      if (unknown[key] === true) knownAfterApply.push(key);
      else if (!isEmpty(after[key]) || hasUnknown(unknown[key])) {
        changes.push({ path: key, after: renderCreated(after[key], childMarks(marks, key), unknown[key]) });
      }
    }
    return { changes, knownAfterApply };
  }
  if (kind === "update" || kind === "replace") {
    const changes: AttributeChange[] = [];
    const knownAfterApply: string[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)])].sort();
    for (const key of keys) {
      if (kind === "replace" && unknown[key] === true && !forcing.has(key)) {
        knownAfterApply.push(key);
        continue;
      }
      changes.push(...diffValues(before[key], after[key], childMarks(marks, key), unknown[key], key));
    }
    return { changes, knownAfterApply };
  }
  return { changes: [], knownAfterApply: [] };
}

/** The path of a `replace_paths` entry, as the diff names it: `container_definitions`, `tags.Name`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((joined, key) => joinPath(joined, key), "");
}
