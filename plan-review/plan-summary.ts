// `npm run -s plan:summary -- <plan.json> [<stack>]`: prints the Markdown summary of a saved plan's
// JSON (`terraform show -json <plan>`). Reads `cdk.tf.json` beside it (construct paths, ignore rules)
// and `plan.txt` beside it (the full plan text), when they are there. The stack defaults to the
// name of the plan's folder; the headline's commit comes from PLAN_COMMIT when it is set.
import * as fs from "fs";
import * as path from "path";
import { configurationBeside } from "./configuration";
import { PlanJson } from "./plan-json";
import { variableSecrets } from "./sensitive";
import { renderSummary } from "./summary";

const [file, stackArgument] = process.argv.slice(3);
if (!file) {
  process.stderr.write("usage: npm run -s plan:summary -- <plan.json> [<stack>]\n");
  process.exit(2);
}
try {
  const plan = JSON.parse(fs.readFileSync(file, "utf8")) as PlanJson;
  const textFile = path.join(path.dirname(file), "plan.txt");
  const commit = process.env.PLAN_COMMIT;
  const configurationFile = path.join(path.dirname(file), "cdk.tf.json");
  const stackJson: unknown = fs.existsSync(configurationFile)
    ? JSON.parse(fs.readFileSync(configurationFile, "utf8"))
    : undefined;
  process.stdout.write(
    renderSummary({
      stack: stackArgument ?? path.basename(path.dirname(path.resolve(file))),
      commit: commit && /^[0-9a-f]{40}$/i.test(commit) ? commit.slice(0, 7) : commit || undefined,
      plan,
      planText: fs.existsSync(textFile) ? fs.readFileSync(textFile, "utf8") : undefined,
      configuration: configurationBeside(file),
      fullPlanLocation: `The full plan is \`${path.join(path.dirname(file), "plan.txt")}\`.`,
      // The stack's sensitive variables (TF_VAR_*), beside the plan's own secrets.
      secrets: variableSecrets(stackJson),
    }),
  );
} catch (error) {
  process.stderr.write(`plan:summary: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
