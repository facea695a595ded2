// node scripts/run-app.js scripts/plan-summary/cli.ts <plan.json> <title>
// Prints the Markdown summary of `terraform show -json <plan>`.
import * as fs from "fs";
import { PlanJson, summarizePlan } from "./summarize";

const [file, title = "plan"] = process.argv.slice(3);
if (!file) {
  process.stderr.write("usage: node scripts/run-app.js scripts/plan-summary/cli.ts <plan.json> [title]\n");
  process.exit(2);
}
process.stdout.write(summarizePlan(JSON.parse(fs.readFileSync(file, "utf8")) as PlanJson, title));
