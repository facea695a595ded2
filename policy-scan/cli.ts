// npm run scan [-- <stack>...]: synthesizes every stack, scans each with checkov, and prints
// every finding with the reason the stack keeps it, or as unexplained. Exits 1 when a finding
// is unexplained or a kept one is stale.
import * as path from "path";
import { listStacks, outputFolder, ROOT, selectStacks } from "../plan-review/stacks";
import { synthesize } from "../tooling/process";
import { ACCEPTED_FINDINGS } from "./accepted-findings";
import { compareFindings, describeComparison } from "./compare";
import { scanStack } from "./scan";

async function main(requested: string[]): Promise<number> {
  const out = outputFolder();
  await synthesize(ROOT, out);
  let clean = true;
  for (const stack of selectStacks(listStacks(out), requested)) {
    const { passed, failed } = await scanStack(path.join(out, "stacks", stack));
    const comparison = compareFindings(failed, ACCEPTED_FINDINGS[stack] ?? []);
    process.stdout.write(describeComparison(stack, passed, comparison));
    clean &&= comparison.unexplained.length === 0 && comparison.stale.length === 0;
  }
  return clean ? 0 : 1;
}

// argv: node, scripts/run-app.js, this file, then the arguments.
main(process.argv.slice(3)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
