// How the tooling runs other programs (Terraform, checkov, git, cdktf, the app command): the plan
// review, the policy scan, the HCL export and recover all start them here, one way. No shell
// (arguments pass as they are), the environment every command gets, and output either captured,
// written to a file or passed through.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** What a command did: its exit code (128 when a signal ended it) and what it printed. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /**
   * The folder it runs in.
   * @default this process's working directory
   */
  readonly cwd?: string;
  /**
   * Variables on top of this process's environment and `COMMAND_ENV`.
   * @default none
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * A file that receives the standard output as it comes (a plan's JSON can be megabytes); `stdout` is then empty.
   * @default none: captured
   */
  readonly stdoutFile?: string;
  /**
   * Pass the output through to this process's, as it comes (an apply's progress); `stdout` and `stderr` are then empty.
   * @default false: captured
   */
  readonly passThrough?: boolean;
}

/** What every command gets: Terraform checks for no update and runs in automation mode (no "now run terraform apply" hints). */
export const COMMAND_ENV: Readonly<NodeJS.ProcessEnv> = { CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };

/**
 * Runs a command without a shell and resolves with its exit code and output, whatever the code;
 * rejects only when it cannot be started (not found, not executable).
 */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const fd = options.stdoutFile ? fs.openSync(options.stdoutFile, "w") : undefined;
    const output = options.passThrough ? "inherit" : "pipe";
    const child = spawn(command, [...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, ...COMMAND_ENV, ...options.env },
      stdio: ["ignore", fd ?? output, output],
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

/** Runs a command like `run`, and fails with the command line, its exit code and its output when it exits other than 0. */
export async function runChecked(command: string, args: readonly string[], options: RunOptions = {}): Promise<Run> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${[command, ...args].join(" ")} exited ${result.code}:\n${result.stderr}${result.stdout}`.trimEnd(),
    );
  }
  return result;
}

/**
 * Synthesizes every stack of the app in `root` into `out` with the app command of its cdktf.json
 * (what `cdktf synth` runs, without the CLI's own start-up of about 2 s). Fails with the app's
 * output (its problems, one a line) when it exits other than 0.
 */
export async function synthesize(root: string, out: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const { app } = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8")) as { app: string };
  fs.mkdirSync(path.dirname(out), { recursive: true }); // the app makes `out`, not its parents
  const result = await run("bash", ["-c", app], { cwd: root, env: { ...env, CDKTF_OUTDIR: out } });
  if (result.code !== 0) {
    throw new Error(`synth failed (exit ${result.code}):\n${result.stderr}${result.stdout}`.trimEnd());
  }
}
