// GitHub rejects a comment longer than 65,536 characters. The summary stays well under it: the
// full plan text is what gives way, cut in the middle so that its head (what changes first) and
// its tail (Terraform's counts and warnings) stay.

/** GitHub's limit on a pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/**
 * What a summary may measure (by `commentLength`). Below the limit by enough for the sticky
 * comment action's marker line (`<!-- Sticky Pull Request Comment<header> -->`) and a margin.
 */
export const COMMENT_BUDGET = 60_000;

/**
 * A conservative length for GitHub's count: JavaScript's length counts UTF-16 code units, never
 * fewer than the characters (code points) GitHub counts (an emoji is 2 here, 1 there); and each
 * newline counts twice, in case line endings become CRLF on the way.
 */
export function commentLength(text: string): number {
  let newlines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) newlines++;
  return text.length + newlines;
}

export interface Trimmed {
  readonly text: string;
  /** How many lines were left out (0 when the text fit). */
  readonly omittedLines: number;
  readonly totalLines: number;
}

/** `text` cut to at most `budget` (by `commentLength`) by leaving out whole lines in the middle. */
export function trimMiddle(text: string, budget: number): Trimmed {
  const lines = text.replace(/\n$/, "").split("\n");
  if (commentLength(text) <= budget) return { text, omittedLines: 0, totalLines: lines.length };
  const marker = (n: number) => `… ${n.toLocaleString("en-US")} lines trimmed here …`;
  const room = Math.max(0, budget - commentLength(marker(lines.length)) - 2);
  const head: string[] = [];
  const tail: string[] = [];
  let used = 0;
  // About two thirds for the head, the rest for the tail.
  for (const line of lines) {
    const cost = commentLength(line) + 2;
    if (used + cost > room * (2 / 3)) break;
    head.push(line);
    used += cost;
  }
  for (let i = lines.length - 1; i >= head.length; i--) {
    const line = lines[i] ?? "";
    const cost = commentLength(line) + 2;
    if (used + cost > room) break;
    tail.unshift(line);
    used += cost;
  }
  const omittedLines = lines.length - head.length - tail.length;
  return { text: [...head, marker(omittedLines), ...tail].join("\n"), omittedLines, totalLines: lines.length };
}
