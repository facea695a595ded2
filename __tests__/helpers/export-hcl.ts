// Leaving CDKTF, as a test step: given a stack deployed from its JSON, export the app's stack
// to HCL beside it and plan the HCL against the same state. Any test that has a deployed
// stack can call it (a shared deploy saves an apply).
import { spawn } from "child_process";
import * as path from "path";
import { exportHcl } from "../../scripts/export-hcl/export";
import { ROOT, Run, terraform, terraformOk } from "./terraform";

/** Runs Terraform like `terraformOk`, without blocking this process (other tests' timers and output go on). */
export function terraformAsync(
  dir: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  expected: readonly number[] = [0],
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, "scripts", "with-terraform.sh"), ["terraform", ...args], {
      cwd: dir,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (status) => {
      if (expected.includes(status ?? -1)) resolve({ status, stdout, stderr });
      else reject(new Error(`terraform ${args.join(" ")} exited ${status}:\n${stdout}\n${stderr}`));
    });
  });
}

/** One diagnostic of `terraform validate -json`. */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
}

export interface ExportedPlan {
  /** The exported root module. */
  readonly dir: string;
  /** The files the export wrote, relative to `dir`. */
  readonly files: readonly string[];
  /** `terraform validate -json`: whether valid, and every error and warning. */
  readonly validate: { readonly valid: boolean; readonly diagnostics: readonly Diagnostic[] };
  /** `terraform plan -detailed-exitcode` against the deployed state: 0 when nothing would change. */
  readonly plan: Run;
}

/**
 * Exports `stack` to `<folder of synthOutDir>/export/<stack>` and plans it.
 * @param synthOutDir the output folder the deployed JSON was synthesized into (its stacks'
 *   local state paths are relative to `<it>/stacks/<stack>`)
 * @param env what the deploy ran with (the emulator's endpoint and credentials): the export
 *   synthesizes with it too, so the provider block is the same
 */
export async function exportAndPlan(synthOutDir: string, stack: string, env: NodeJS.ProcessEnv): Promise<ExportedPlan> {
  const [exported] = await exportHcl({
    root: ROOT,
    outDir: path.join(path.dirname(synthOutDir), "export"),
    synthOutDir,
    stacks: [stack],
    env,
  });
  if (exported === undefined) throw new Error(`${stack} was not exported`);
  const { dir, files } = exported;
  terraformOk(dir, ["init", "-input=false", "-no-color"], env);
  const validate = JSON.parse(
    terraform(dir, ["validate", "-json", "-no-color"], env).stdout,
  ) as ExportedPlan["validate"];
  const plan = await terraformAsync(dir, ["plan", "-input=false", "-no-color", "-detailed-exitcode"], env, [0, 1, 2]);
  return { dir, files, validate, plan };
}
