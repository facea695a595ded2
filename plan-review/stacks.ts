// The stacks of the app as the plan, apply and validate commands see them: one synth into an
// output folder (`synthesize(ROOT, out)`, tooling/process.ts), the stacks its manifest lists, and
// Terraform run in each stack's folder.
// The commands run under scripts/with-terraform.sh (see package.json), so `terraform` here is
// already set up for the project (provider mirror or plugin cache).
import * as fs from "fs";
import * as path from "path";
import { Run, run } from "../tooling/process";

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

/** `terraform -chdir=<dir> <args>` with colour off. */
export function terraform(dir: string, args: readonly string[], stdoutFile?: string): Promise<Run> {
  const [command = "", ...rest] = args;
  return run("terraform", [`-chdir=${dir}`, command, "-no-color", ...rest], { cwd: ROOT, stdoutFile });
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
      run("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT }),
      // (no optional locks: never touch the index while someone else commits)
      run("git", ["--no-optional-locks", "status", "--porcelain", "--untracked-files=no"], { cwd: ROOT }),
    ]);
    if (head.code !== 0) return undefined;
    const short = head.stdout.trim();
    return status.code === 0 && status.stdout.trim() !== "" ? `${short} + uncommitted changes` : short;
  } catch {
    return undefined; // no git
  }
}
