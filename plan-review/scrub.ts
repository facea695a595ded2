// The one function every output of the plan review goes through before anyone reads it: the
// summary (and each value in it, before it is shortened or escaped), plan.txt, a failed plan's
// error text, the drift report and plan:verify's output. See docs/decisions/0012-masks-and-scrubbing-order.md.
//
// Order, on a text:
// 1. every known secret (the plan's, the prior state's, the stack's sensitive variables, the values of
//    the masked environment variables), in every spelling it can take on the way (JSON and Go's JSON
//    escapes, doubly escaped JSON, HCL's `$${`, HTML entities, Markdown's `\|`, Mermaid's `#quot;`),
//    longest first; a secret of several lines also line by line (Terraform indents a heredoc's lines);
// 2. the pieces of a secret that survive a cut (`…`): a prefix of meaningful length before it, a suffix after;
// 3. the mask patterns (masks.ts): AWS keys, private keys, GitHub tokens, the project's own.
// Callers scrub first, then shorten, then escape; the spellings are the safety net for text that
// was escaped before it arrived (Terraform's own plan text, error messages).
//
// A secret that is an ordinary word (`key`, `secret`, `production`: letters only, shorter than 16)
// is replaced only where it stands as a value: inside a quoted string, and not as an attribute path's
// segment, a map key or an index. Anywhere else it would rewrite the review's structure
// (`keepers.(sensitive)_key`, `0 to (sensitive)`); its copies as values are caught by Terraform's
// marks, which the summary applies before any text is made.
import { maskLabel, Masks, resolveMasks } from "./masks";

export const SENSITIVE = "(sensitive)";

/** Shorter secrets are not scrubbed from free text: they would mangle ordinary words. */
export const MIN_SCRUBBED_LENGTH = 4;

/** A cut secret's prefix or suffix of at least this many characters next to `…` is scrubbed. */
export const MIN_PIECE_LENGTH = 6;

/** Where a secret was while the text is being scrubbed: a character no text of ours holds. */
const HOLE = "\uE000";

export interface ScrubOptions {
  /** The masks; the project's (masks.ts, with the environment read now) unless given. */
  readonly masks?: Masks;
}

/** Letters only and short, or a short number: a secret that is also an ordinary word or count. */
export function isWordLike(secret: string): boolean {
  return (/^[A-Za-z]+$/.test(secret) && secret.length < 16) || (/^\d+$/.test(secret) && secret.length < 8);
}

const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
const json = (s: string) => JSON.stringify(s).slice(1, -1);
/** Go's encoding/json (Terraform's `jsonencode`, the plan's JSON): also `<`, `>`, `&` as \u escapes. */
const goJson = (s: string) => json(s).replace(/[<>&\u2028\u2029]/g, hex);
/** Every character outside ASCII as a \u escape (Python's json, some providers). */
const asciiJson = (s: string) => goJson(s).replace(/[^ -~]/g, hex);
/** HCL's template escapes, as Terraform prints strings in a plan. */
const hcl = (s: string) => s.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
const html = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** Every spelling of a secret that text on its way to a review can hold. */
export function spellings(secret: string): Set<string> {
  const once = [secret, json(secret), goJson(secret), asciiJson(secret)];
  const twice = once.flatMap((s) => [s, json(s), goJson(s)]);
  const all = new Set([...twice, ...twice.map(hcl), html(secret), html(json(secret))]);
  for (const s of [...all]) {
    all.add(s.replace(/\|/g, "\\|"));
    all.add(s.replace(/"/g, "#quot;"));
  }
  return all;
}

/** The spans of double-quoted strings, line by line, backslash escapes honoured. */
function quotedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") open = -1;
    else if (c === "\\") i++;
    else if (c === '"') {
      if (open === -1) open = i;
      else {
        spans.push([open, i]);
        open = -1;
      }
    }
  }
  return spans;
}

function insideQuotes(spans: readonly [number, number][], start: number, end: number): [number, number] | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid] as [number, number];
    if (span[1] < start) lo = mid + 1;
    else if (span[0] >= start) hi = mid - 1;
    else return end <= span[1] ? span : undefined;
  }
  return undefined;
}

/** Whether an ordinary-word secret at [start, end) stands as a value, not as a part of the text's structure. */
function standsAsValue(text: string, spans: readonly [number, number][], start: number, end: number): boolean {
  const before = text[start - 1] ?? "";
  const after = text[end] ?? "";
  if (/[A-Za-z0-9_]/.test(before) || /[A-Za-z0-9_]/.test(after)) return false; // part of a longer word
  const quoted = insideQuotes(spans, start, end);
  if (!quoted) return false;
  if (/[A-Za-z0-9_\]"]\.$/.test(text.slice(Math.max(0, start - 2), start))) return false; // `tags.secret`
  if (/^\.[A-Za-z_"]|^\[/.test(text.slice(end, end + 2))) return false; // `secret.arn`, `secret[0]`
  const whole = quoted[0] === start - 1 && quoted[1] === end;
  if (whole) {
    if (text[quoted[0] - 1] === "[" && text[quoted[1] + 1] === "]") return false; // `keepers["secret"]`
    // A key (`"secret" = `, `"secret":`) or a block's label (`resource "aws_x" "secret" {`).
    if (/^\s*(?:=(?!=)|:|\{|"[^"\n]*"\s*\{)/.test(text.slice(end + 1, end + 64))) return false;
  }
  return true;
}

function replaceForm(text: string, form: string, wordLike: boolean): string {
  if (!text.includes(form)) return text;
  const spans = wordLike ? quotedSpans(text) : [];
  let result = "";
  let from = 0;
  for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + form.length)) {
    if (wordLike && !standsAsValue(text, spans, at, at + form.length)) continue;
    result += text.slice(from, at) + HOLE;
    from = at + form.length;
  }
  return result + text.slice(from);
}

/** The pieces of a secret that a cut in the middle (`…`) left on either side of it. */
function replacePieces(text: string, secret: string): string {
  if (!text.includes("…") || secret.length < 2 * MIN_PIECE_LENGTH) return text;
  let result = text;
  for (let at = result.indexOf("…"); at !== -1; at = result.indexOf("…", at + 1)) {
    const before = result.slice(Math.max(0, at - secret.length), at);
    let head = 0;
    for (let k = secret.length - 1; k >= MIN_PIECE_LENGTH; k--) {
      if (before.endsWith(secret.slice(0, k))) {
        head = k;
        break;
      }
    }
    let tail = 0;
    for (let k = secret.length - 1; k >= MIN_PIECE_LENGTH; k--) {
      if (result.startsWith(secret.slice(secret.length - k), at + 1)) {
        tail = k;
        break;
      }
    }
    if (head === 0 && tail === 0) continue;
    result = `${result.slice(0, at - head)}${head > 0 ? HOLE : ""}…${tail > 0 ? HOLE : ""}${result.slice(at + 1 + tail)}`;
    at = at - head + (head > 0 ? 1 : 0);
  }
  return result;
}

/** A token of a known format cut by `…`: what is left of it before the cut. */
const CUT_TOKEN = /(?<![A-Za-z0-9_])(?:gh[pousr]_|github_pat_|AKIA|ASIA)[A-Za-z0-9_]{4,}(?=…)/g;

/**
 * `text` with every known secret, in every spelling, replaced by `(sensitive)` and every mask's
 * match by `(masked: <name>)`. `secrets` are the values the tool knows (`sensitiveStrings(plan)`,
 * `knownSecrets`...); the masks are the project's unless given.
 */
export function scrub(text: string, secrets: Iterable<string>, options: ScrubOptions = {}): string {
  const masks = options.masks ?? resolveMasks();
  const values = new Set<string>();
  for (const secret of [...secrets, ...masks.values]) {
    if (secret.length >= MIN_SCRUBBED_LENGTH && !secret.includes(HOLE)) values.add(secret);
  }
  // A secret of several lines (a key, a script) is printed by Terraform as a heredoc, each line
  // indented: its lines are scrubbed one by one too, when each is long enough to mean something.
  for (const secret of [...values]) {
    if (!secret.includes("\n")) continue;
    for (const line of secret.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= 2 * MIN_PIECE_LENGTH && !isWordLike(trimmed)) values.add(trimmed);
    }
  }
  const forms = new Map<string, boolean>();
  for (const secret of values) {
    const wordLike = isWordLike(secret);
    for (const form of wordLike ? [secret] : spellings(secret)) {
      if (form.length >= MIN_SCRUBBED_LENGTH && !(forms.get(form) === false)) forms.set(form, wordLike);
    }
  }
  let result = text;
  // Longest first, so that a secret holding another is replaced whole.
  for (const [form, wordLike] of [...forms].sort(([a], [b]) => b.length - a.length)) {
    result = replaceForm(result, form, wordLike);
  }
  for (const secret of values) {
    if (!isWordLike(secret)) for (const form of [secret, json(secret)]) result = replacePieces(result, form);
  }
  result = result.replace(/\uE000+/g, SENSITIVE);
  for (const mask of masks.patterns) result = result.replace(mask.pattern, maskLabel(mask.name));
  return result.replace(CUT_TOKEN, maskLabel("cut token"));
}
