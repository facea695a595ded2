import { ChildProcess, spawn, spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
const WITH_TERRAFORM = path.join(ROOT, "scripts", "with-terraform.sh");

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Run {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd: options.cwd,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...options.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The stack that mirrors the note: the dev environment's. */
export const DEV_STACK = "ecs-fargate-dev";

/**
 * Runs the app command of cdktf.json (the real main.ts) into `<fresh folder>/cdktf.out`, so
 * that the local state file lands in the fresh folder; returns the folder of `stack`.
 */
export function synthesizeApp(env: NodeJS.ProcessEnv = {}, stack: string = DEV_STACK): string {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ecs-fargate-")), "cdktf.out");
  const { app } = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")) as { app: string };
  const result = run("bash", ["-c", app], { cwd: ROOT, env: { CDKTF_OUTDIR: outdir, ...env } });
  if (result.status !== 0) throw new Error(`synth failed (${result.status}):\n${result.stderr}`);
  return path.join(outdir, "stacks", stack);
}

/** Runs Terraform in `dir` the way the project's scripts do: providers from the mirror when there is one. */
export function terraform(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  return run(WITH_TERRAFORM, ["terraform", ...args], { cwd: dir, env: { TF_IN_AUTOMATION: "1", ...env } });
}

/** Like `terraform`, but throws with Terraform's own output when it exits with another code. */
export function terraformOk(dir: string, args: string[], env: NodeJS.ProcessEnv = {}, expected = [0]): Run {
  const result = terraform(dir, args, env);
  if (!expected.includes(result.status ?? -1)) {
    throw new Error(`terraform ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** A Terraform process running in the background, for tests that interrupt or kill it. */
export interface RunningTerraform {
  readonly child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves when `pattern` has appeared in the output (rejects if the process exits first). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnTerraform(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): RunningTerraform {
  // with-terraform.sh execs terraform, so the child's pid is Terraform's own: signals reach it.
  const child = spawn(WITH_TERRAFORM, ["terraform", ...args], {
    cwd: dir,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => (done = true));
  const waitFor = async (pattern: RegExp, timeoutMs = 180_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(text)) {
      if (done) throw new Error(`terraform ${args.join(" ")} exited before printing ${pattern}:\n${text}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, output: () => text, waitFor, exited };
}

/** Runs one of the project's npm scripts (`npm run -s <script> -- args`) from the project root. */
export function npmScript(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  return run("npm", ["run", "-s", ...args], { cwd: ROOT, env });
}

/**
 * Plans a copy of a synthesized stack with one edit of its cdk.tf.json, against the same state:
 * the copy sits in a sibling output folder (`<outdir>/../<name>/stacks/<stack>`), so a local
 * backend's relative path names the same file, and an S3 backend is the same bucket and key.
 * Returns the plan's exit code (-detailed-exitcode), what it printed and the folder holding `edited.tfplan`.
 */
export function planEdited(
  stackDir: string,
  name: string,
  edit: (json: any) => void,
  env: NodeJS.ProcessEnv,
): { status: number | null; stdout: string; dir: string } {
  const stacksDir = path.dirname(stackDir);
  const dir = path.join(path.dirname(path.dirname(stacksDir)), name, "stacks", path.basename(stackDir));
  fs.mkdirSync(dir, { recursive: true });
  const json = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
  edit(json);
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json));
  terraformOk(dir, ["init", "-input=false", "-no-color"], env);
  const plan = terraformOk(
    dir,
    ["plan", "-input=false", "-detailed-exitcode", "-out=edited.tfplan", "-no-color"],
    env,
    [0, 2],
  );
  return { status: plan.status, stdout: plan.stdout, dir };
}

/**
 * `terraform destroy -auto-approve` with a bounded wait: past `timeoutMs` it interrupts Terraform (SIGINT,
 * SIGKILL 30 s later). When the destroy fails or times out, throws naming what remains: the state's
 * addresses and what `remaining()` reads from AWS (a provider retrying DeleteVpc on an orphan's
 * DependencyViolation would otherwise hold the suite for 20 minutes).
 */
export async function destroyWithin(
  dir: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  remaining: () => Promise<string[]>,
): Promise<void> {
  const started = Date.now();
  const destroy = spawnTerraform(dir, ["destroy", "-input=false", "-auto-approve", "-no-color"], env);
  const timer = setTimeout(() => {
    destroy.child.kill("SIGINT");
    setTimeout(() => destroy.child.kill("SIGKILL"), 30_000).unref();
  }, timeoutMs);
  const { code, signal } = await destroy.exited;
  clearTimeout(timer);
  if (code === 0) return;
  const seconds = Math.round((Date.now() - started) / 1000);
  const inState = terraform(dir, ["state", "list"], env).stdout.trim().split("\n").filter(Boolean);
  const inAws = await remaining().catch((error: unknown) => [`(could not be read: ${String(error)})`]);
  const why =
    Date.now() - started >= timeoutMs
      ? `did not finish within ${timeoutMs / 1000} s`
      : `failed (exit ${code ?? signal})`;
  throw new Error(
    `terraform destroy ${why} after ${seconds} s.\n` +
      `Still in the state (${inState.length}): ${inState.join(", ") || "nothing"}\n` +
      `Still in AWS (${inAws.length}): ${inAws.join(", ") || "nothing"}\n` +
      `Terraform's last output:\n${destroy.output().slice(-3000)}`,
  );
}
