// `terraform init` only when a stack's folder needs it: it costs about a second per stack, a fifth
// of a plan. A folder is initialized for a configuration when the stamp written after its last
// successful init matches the configuration's `terraform` block (backend, required providers) and
// the provider source; and should Terraform still ask for an init (a module, a lock file changed
// by hand), the caller runs it and plans again.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { Run } from "../tooling/process";
import { terraform } from "./stacks";

const STAMP = path.join(".terraform", "plan-review-init.sha256");

/** What an init depends on: the configuration's terraform block and where providers come from. */
export function initFingerprint(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  const json = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8")) as { terraform?: unknown };
  const source = [env.TF_PROVIDER_MIRROR ?? "", env.TF_CLI_CONFIG_FILE ?? "", env.TF_PLUGIN_CACHE_DIR ?? ""];
  return createHash("sha256")
    .update(JSON.stringify({ terraform: json.terraform ?? null, source }))
    .digest("hex");
}

export function isInitialized(dir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    const stamp = fs.readFileSync(path.join(dir, STAMP), "utf8").trim();
    return fs.existsSync(path.join(dir, ".terraform.lock.hcl")) && stamp === initFingerprint(dir, env);
  } catch {
    return false;
  }
}

export function markInitialized(dir: string, env: NodeJS.ProcessEnv = process.env): void {
  fs.writeFileSync(path.join(dir, STAMP), `${initFingerprint(dir, env)}\n`);
}

/** Forgets the stamp: after `init -backend=false` (validate), the backend must be initialized again. */
export function forgetInitialized(dir: string): void {
  fs.rmSync(path.join(dir, STAMP), { force: true });
}

/** Whether Terraform's output asks for `terraform init`. */
export function asksForInit(output: string): boolean {
  return /terraform init|Backend initialization required|Inconsistent dependency lock file|Required plugins are not installed|Module not installed/i.test(
    output,
  );
}

/**
 * Runs a Terraform command in a stack's folder, initializing the folder first when it needs it, and
 * once more when Terraform still asks for an init: the command's run, or the failed init's output.
 */
export async function withInit(dir: string, args: readonly string[]): Promise<{ run: Run } | { initError: string }> {
  const init = async (): Promise<string | undefined> => {
    const result = await terraform(dir, ["init", "-input=false"]);
    if (result.code !== 0) return `$ terraform init\n${result.stdout}${result.stderr}`;
    markInitialized(dir);
    return undefined;
  };
  const initialized = isInitialized(dir);
  if (!initialized) {
    const initError = await init();
    if (initError) return { initError };
  }
  let run = await terraform(dir, args);
  if (initialized && run.code === 1 && asksForInit(run.stderr)) {
    const initError = await init();
    if (initError) return { initError };
    run = await terraform(dir, args);
  }
  return { run };
}
