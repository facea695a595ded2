// The preflight's verdicts: one line per check, and the exit code.

export type Status = "ok" | "blocker" | "warning" | "cannot tell";

export interface CheckResult {
  readonly check: string;
  readonly status: Status;
  readonly detail: string;
}

/** One line per check: `[ok]`, `[BLOCKER]`, `[warning]` or `[cannot tell]`, the check, what was found. */
export function describeChecks(stackName: string, results: readonly CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.check.length));
  const label = (s: Status) => (s === "blocker" ? "BLOCKER" : s).padEnd(11);
  const blockers = results.filter((r) => r.status === "blocker").length;
  const lines = results.map((r) => `[${label(r.status)}] ${r.check.padEnd(width)}  ${r.detail}`);
  const verdict =
    blockers === 0
      ? `${stackName}: no blocker; deploy when the warnings are understood`
      : `${stackName}: ${blockers === 1 ? "1 blocker" : `${blockers} blockers`}: fix before the first deploy`;
  return `${[...lines, verdict].join("\n")}\n`;
}

/** Non-zero when any check is a blocker. */
export function exitCode(results: readonly CheckResult[]): number {
  return results.some((r) => r.status === "blocker") ? 1 : 0;
}
