// What a scan found, held against what the stack keeps on purpose.
import { AcceptedFinding } from "./accepted-findings";
import { Finding } from "./scan";

export interface Comparison {
  /** Found, and not kept on purpose: a new risk, or a setting that regressed. */
  readonly unexplained: readonly Finding[];
  /** Kept on purpose, but no longer found: the reason is stale, remove it. */
  readonly stale: readonly AcceptedFinding[];
  /** Found and kept on purpose, with the reason. */
  readonly explained: readonly (Finding & { readonly reason: string })[];
}

const key = (f: { check: string; address: string }) => `${f.check} ${f.address}`;

export function compareFindings(found: readonly Finding[], accepted: readonly AcceptedFinding[]): Comparison {
  const acceptedByKey = new Map(accepted.map((a) => [key(a), a]));
  const foundKeys = new Set(found.map(key));
  return {
    unexplained: found.filter((f) => !acceptedByKey.has(key(f))),
    stale: accepted.filter((a) => !foundKeys.has(key(a))),
    explained: found.flatMap((f) => {
      const reason = acceptedByKey.get(key(f))?.reason;
      return reason === undefined ? [] : [{ ...f, reason }];
    }),
  };
}

/** The comparison as a reviewer reads it: one line per finding. */
export function describeComparison(stack: string, passed: number, comparison: Comparison): string {
  const lines = [
    `${stack}: ${passed} passed, ${comparison.explained.length} kept on purpose, ${comparison.unexplained.length} unexplained, ${comparison.stale.length} stale`,
    ...comparison.unexplained.map((f) => `  UNEXPLAINED ${f.check} ${f.address}: ${f.title}`),
    ...comparison.stale.map(
      (a) => `  STALE       ${a.check} ${a.address}: no longer found, remove it from policy-scan/accepted-findings.ts`,
    ),
    ...comparison.explained.map((f) => `  kept        ${f.check} ${f.address}: ${f.reason}`),
  ];
  return `${lines.join("\n")}\n`;
}
