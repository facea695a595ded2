// How attribute values read in a summary: JSON, sensitive parts masked, and the equalities a
// reviewer does not care about (empty versus null). Values are rendered whole: the summary scrubs
// them, then shortens them (`shorten`), then escapes them, in that order (see scrub.ts).
import { JsonValue, ValueMarks } from "./plan-json";
import { childMarks, SENSITIVE } from "./sensitive";

/**
 * Values longer than this many characters are cut in the middle: a line of a table cell holds a
 * path and a value without scrolling sideways in a pull-request comment (about 780 px of text).
 */
export const MAX_VALUE_LENGTH = 60;

export const KNOWN_AFTER_APPLY = "(known after apply)";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** null, absent, "", [] and {}: the values Terraform and AWS use interchangeably for "nothing". */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.keys(value).length === 0;
  return false;
}

/** Deep equality of JSON values, treating every empty value as equal to every other. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return a === b;
}

/** Cuts a long text in the middle, keeping both ends (an ARN's revision stays readable). */
export function shorten(text: string, max = MAX_VALUE_LENGTH): string {
  const chars = Array.from(text); // whole code points: never half an emoji
  if (chars.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.6);
  const tail = max - 1 - head;
  return `${chars.slice(0, head).join("")}…${chars.slice(chars.length - tail).join("")}`;
}

/** A copy of a value with its marked parts replaced by `(sensitive)`. */
export function masked(value: unknown, marks: ValueMarks | undefined): unknown {
  if (marks === true) return value === null || value === undefined ? value : SENSITIVE;
  if (!marks) return value;
  if (Array.isArray(value)) return value.map((item, i) => masked(item, childMarks(marks, i)));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, childMarks(marks, k))]));
  }
  return value;
}

/** Object keys sorted, so that the same document always reads the same. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical(value[key])]),
    );
  }
  return value;
}

/** A value as it reads in a summary: JSON, masked, whole (not shortened); a wholly sensitive value is `(sensitive)`. */
export function renderValue(value: unknown, marks?: ValueMarks): string {
  if (marks === true && value !== null && value !== undefined) return SENSITIVE;
  if (value === undefined) return "null";
  const document = parseJsonDocument(value);
  const shown = document !== undefined && marks === undefined ? canonical(document) : masked(value, marks);
  return JSON.stringify(shown) ?? "null";
}

/** The JSON document a string attribute holds (container definitions, a policy), when it holds one. */
export function parseJsonDocument(value: unknown): JsonValue | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (!(text.startsWith("{") || text.startsWith("["))) return undefined;
  try {
    const parsed = JSON.parse(text) as JsonValue;
    return typeof parsed === "object" && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `a.b`, `a["b c"]`, `a[0]`: a path inside a value, as a reviewer would write it. */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}
