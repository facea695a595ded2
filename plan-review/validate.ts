// `npm run validate`: what a pull request from a fork can check without credentials. Synthesizes
// once, then `terraform init -backend=false` and `terraform validate` in every stack, concurrently.
// Exits 1 when any stack is invalid, printing Terraform's diagnostics.
import { forgetInitialized } from "./init";
import { synthesize } from "../tooling/process";
import { listStacks, outputFolder, ROOT, stackFolder, terraform } from "./stacks";

async function validate(): Promise<number> {
  const out = outputFolder();
  await synthesize(ROOT, out);
  const results = await Promise.all(
    listStacks(out).map(async (stack) => {
      const dir = stackFolder(out, stack);
      forgetInitialized(dir); // a plan after this must initialize the backend again
      const init = await terraform(dir, ["init", "-input=false", "-backend=false"]);
      if (init.code !== 0) return { stack, ok: false, output: `${init.stdout}${init.stderr}` };
      const result = await terraform(dir, ["validate"]);
      return { stack, ok: result.code === 0, output: `${result.stdout}${result.stderr}` };
    }),
  );
  for (const { stack, ok, output } of results) {
    process.stdout.write(`${stack}: ${ok ? "valid" : "INVALID"}\n`);
    if (!ok) process.stdout.write(`${output.trimEnd()}\n`);
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

validate().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
