// `npm run drift [-- <stack> ...]`: synthesizes once, then a refresh-only plan of every stack (or
// those named), concurrently, each sorted into drift / ignored / filled in by plan-review/drift.ts,
// with a Markdown report in <out>/stacks/<stack>/drift.md. Exit code over all stacks: 1 when a refresh
// failed, else 2 when any stack drifted, else 0. In GitHub Actions the reports go to the job summary,
// and the step's outputs say which stacks there are (`stacks`) and which drifted (`drifted`).
import * as fs from "fs";
import * as path from "path";
import { driftStack } from "./drift";
import { synthesize } from "../tooling/process";
import { listStacks, outputFolder, ROOT, selectStacks, stackFolder } from "./stacks";

async function main(requested: readonly string[]): Promise<number> {
  const out = outputFolder();
  await synthesize(ROOT, out);
  const stacks = selectStacks(listStacks(out), requested);
  process.stderr.write(`drift: refreshing ${stacks.join(", ")}\n`);
  const results = await Promise.all(stacks.map((stack) => driftStack(out, stack)));
  for (const result of results) {
    const file = path.relative(ROOT, path.join(stackFolder(out, result.stack), "drift.md"));
    const verdict = result.code === 0 ? "no drift" : result.code === 2 ? "drift" : "the refresh failed";
    process.stdout.write(`${result.stack}: ${verdict} (${file})\n`);
  }
  const code = results.some((r) => r.code === 1) ? 1 : results.some((r) => r.code === 2) ? 2 : 0;
  if (process.env.GITHUB_STEP_SUMMARY) {
    fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, results.map((r) => r.report).join("\n---\n\n"));
  }
  if (process.env.GITHUB_OUTPUT) {
    const drifted = results.filter((r) => r.code === 2).map((r) => r.stack);
    fs.appendFileSync(
      process.env.GITHUB_OUTPUT,
      `stacks=${JSON.stringify(stacks)}\ndrifted=${JSON.stringify(drifted)}\nexit-code=${code}\n`,
    );
  }
  return code;
}

main(process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`drift: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
