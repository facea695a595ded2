// `npm run apply -- <stack> [...]`: applies the saved plan of each stack named, as `npm run plan`
// left it in <out>/stacks/<stack>/plan.tfplan: what was reviewed is exactly what is applied.
// Terraform refuses a plan that is stale (the state changed since it was made) or that was made
// from other providers; then plan again. Stacks are applied one after the other, in the order given.
import * as fs from "fs";
import * as path from "path";
import { run } from "../tooling/process";
import { outputFolder, stackFolder } from "./stacks";

async function apply(stacks: readonly string[]): Promise<number> {
  if (stacks.length === 0) {
    process.stderr.write("usage: npm run apply -- <stack> [<stack> ...]  (after npm run plan)\n");
    return 2;
  }
  const out = outputFolder();
  for (const stack of stacks) {
    const dir = stackFolder(out, stack);
    if (!fs.existsSync(path.join(dir, "plan.tfplan"))) {
      process.stderr.write(`apply: no saved plan for ${stack} in ${dir}: run npm run plan -- ${stack} first\n`);
      return 1;
    }
    for (const args of [
      ["init", "-input=false", "-no-color"],
      ["apply", "-input=false", "-no-color", "plan.tfplan"],
    ]) {
      process.stdout.write(`$ terraform -chdir=${path.relative(process.cwd(), dir)} ${args.join(" ")}\n`);
      const { code } = await run("terraform", [`-chdir=${dir}`, ...args], { passThrough: true });
      if (code !== 0) return code;
    }
  }
  return 0;
}

// argv: node, scripts/run-app.js, this file, then the stacks.
apply(process.argv.slice(3)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
