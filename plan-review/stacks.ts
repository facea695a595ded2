// The stacks of the app as the plan, apply and validate commands see them: one synth into an
// output folder, the stacks its manifest lists, and Terraform run in each stack's folder.
// The commands run under scripts/with-terraform.sh (see package.json), so `terraform` here is
// already set up for the project (provider mirror or plugin cache).
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(process.env.PLAN_REVIEW_ROOT ?? process.cwd());

/**
 * The output folder: PLAN_REVIEW_OUT when set (a test's own folder), else `.local/cdktf.out` against a
 * local endpoint (as deploy:local), else `cdktf.out`.
 */
export function outputFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PLAN_REVIEW_OUT) return path.resolve(env.PLAN_REVIEW_OUT);
  return path.join(ROOT, env.AWS_ENDPOINT_URL ? path.join(".local", "cdktf.out") : "cdktf.out");
}

export function stackFolder(out: string, stack: string): string {
  return path.join(out, "stacks", stack);
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command without a shell. With `stdoutFile`, its standard output goes straight to that
 * file (a plan's JSON can be megabytes) and `stdout` is empty.
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; stdoutFile?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const fd = options.stdoutFile ? fs.openSync(options.stdoutFile, "w") : undefined;
    const child = spawn(command, [...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", ...options.env },
      stdio: ["ignore", fd ?? "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
    child.once("error", (error) => {
      if (fd !== undefined) fs.closeSync(fd);
      reject(error);
    });
    child.once("close", (code, signal) => {
      if (fd !== undefined) fs.closeSync(fd);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}

/** `terraform -chdir=<dir> <args>` with colour off. */
export function terraform(dir: string, args: readonly string[], stdoutFile?: string): Promise<Run> {
  const [command = "", ...rest] = args;
  return run("terraform", [`-chdir=${dir}`, command, "-no-color", ...rest], { stdoutFile });
}

/**
 * Synthesizes every stack into `out` with the app command of cdktf.json (what `cdktf synth` runs,
 * without the CLI's own start-up of about 2 s). Throws with the app's output when it fails.
 */
export async function synthesize(out: string): Promise<void> {
  const { app } = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")) as { app: string };
  fs.mkdirSync(path.dirname(out), { recursive: true }); // the app makes `out`, not its parents
  const result = await run("bash", ["-c", app], { env: { CDKTF_OUTDIR: out } });
  if (result.code !== 0) {
    throw new Error(`synth failed (exit ${result.code}):\n${result.stderr}${result.stdout}`.trimEnd());
  }
}

/** The stacks the manifest of a synthesized output folder lists, in its order. */
export function listStacks(out: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")) as {
    stacks?: Record<string, unknown>;
  };
  return Object.keys(manifest.stacks ?? {});
}

/** The stacks named on the command line (all when none), or an error naming the unknown ones. */
export function selectStacks(available: readonly string[], requested: readonly string[]): string[] {
  if (requested.length === 0) return [...available];
  const unknown = requested.filter((s) => !available.includes(s));
  if (unknown.length > 0) {
    throw new Error(`no stack ${unknown.join(", ")}: the app has ${available.join(", ") || "no stacks"}`);
  }
  return [...new Set(requested)];
}

/** The commit planned, for the headline: `PLAN_COMMIT`, else `GITHUB_SHA`, else git's HEAD (noting local changes). */
export async function currentCommit(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const given = env.PLAN_COMMIT || env.GITHUB_SHA;
  if (given) return /^[0-9a-f]{40}$/i.test(given) ? given.slice(0, 7) : given;
  try {
    const [head, status] = await Promise.all([
      run("git", ["rev-parse", "--short", "HEAD"]),
      // (no optional locks: never touch the index while someone else commits)
      run("git", ["--no-optional-locks", "status", "--porcelain", "--untracked-files=no"]),
    ]);
    if (head.code !== 0) return undefined;
    const short = head.stdout.trim();
    return status.code === 0 && status.stdout.trim() !== "" ? `${short} + uncommitted changes` : short;
  } catch {
    return undefined; // no git
  }
}
