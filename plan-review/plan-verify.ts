// `npm run plan:verify -- <stack> <reviewed summary file>`, or `-- <stack> --github` in the deploy
// workflow: plans the stack as `npm run plan` does (plan.tfplan is what `npm run apply` applies),
// then compares what the plan will do with the reviewed plan that the comment's hidden marker
// fingerprints (plan-review/fingerprint.ts), and prints the same / a table of the addresses that
// differ / that there is no reviewed plan. With --github the reviewed plan is the stack's comment on
// the pull request merged as GITHUB_SHA (plan-review/github.ts), and a difference is also posted there.
// Exit codes: 0 the same (or no reviewed plan and PLAN_VERIFY_ALLOW_UNREVIEWED=true), 1 an error,
// 3 the plan differs, 4 no reviewed plan. In GitHub Actions the report and the plan's summary go to the job summary,
// and the step's outputs say `verdict` and the plan's `exit-code` (2 when there is something to apply).
import * as fs from "fs";
import { gitHubFromEnv } from "./github";
import { synthesize } from "../tooling/process";
import { listStacks, outputFolder, ROOT, selectStacks } from "./stacks";
import { ReviewedSource, VERIFY_EXIT, verifyStack } from "./verify";

const USAGE = "usage: npm run plan:verify -- <stack> <reviewed summary file>   (or <stack> --github)";

async function main(args: readonly string[]): Promise<number> {
  const [stack, from, ...extra] = args;
  if (!stack || !from || extra.length > 0) throw new Error(USAGE);
  let source: ReviewedSource;
  if (from === "--github") {
    const sha = process.env.GITHUB_SHA ?? "";
    if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`GITHUB_SHA must be a full commit, got: ${sha || "(unset)"}`);
    source = { kind: "github", github: gitHubFromEnv(), sha, author: process.env.PLAN_COMMENT_AUTHOR || undefined };
  } else {
    if (!fs.existsSync(from)) throw new Error(`${from}: no such file (the reviewed summary, e.g. a saved plan.md)`);
    source = { kind: "text", text: fs.readFileSync(from, "utf8") };
  }
  const out = outputFolder();
  await synthesize(ROOT, out);
  selectStacks(listStacks(out), [stack]);
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = process.env;
  const outcome = await verifyStack(out, stack, source, {
    allowUnreviewed: process.env.PLAN_VERIFY_ALLOW_UNREVIEWED === "true",
    runUrl: server && repository && runId ? `${server}/${repository}/actions/runs/${runId}` : undefined,
  });
  process.stdout.write(outcome.report);
  if (process.env.GITHUB_STEP_SUMMARY) {
    const plan = outcome.summary && outcome.summary !== outcome.report ? `\n---\n\n${outcome.summary}` : "";
    fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${outcome.report}${plan}`);
  }
  if (process.env.GITHUB_OUTPUT) {
    fs.appendFileSync(
      process.env.GITHUB_OUTPUT,
      `verdict=${outcome.verdict ?? "error"}\nexit-code=${outcome.planCode}\n`,
    );
  }
  return outcome.code;
}

main(process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`plan:verify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(VERIFY_EXIT.error);
  },
);
