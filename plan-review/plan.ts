// `npm run plan [-- <stack> ...]`: synthesizes once, then plans every stack (or those named)
// concurrently, each in its folder <out>/stacks/<stack>/:
//   terraform init (when the folder needs it), terraform plan -detailed-exitcode -out=plan.tfplan,
//   terraform show -json plan.tfplan > plan.json, the plan's own text (what terraform show prints) in plan.txt,
//   and the Markdown summary in plan.md (a failed plan's summary shows Terraform's error).
// plan.tfplan is what `npm run apply -- <stack>` applies: what was reviewed is what is applied.
// Exit code as terraform plan -detailed-exitcode over all stacks: 1 when any failed, else 2 when
// any has changes, else 0. In GitHub Actions the summaries are appended to the job summary and
// the step's outputs say which stacks there are (`stacks`), which change (`changed`) and the code.
import { planStacks } from "./planner";

planStacks(process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
