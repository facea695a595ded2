// The project's GitHub Actions workflows, read for the tests.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export const ROOT = path.resolve(__dirname, "..", "..");
export const WORKFLOWS_DIR = path.join(ROOT, ".github", "workflows");
export const WORKFLOW_FILES = ["plan.yml", "deploy.yml", "release.yml", "drift.yml"] as const;

export interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}

/** The first step of a job that uses an action, by its name (`actions/github-script`). */
export function stepUsing(job: Job | undefined, action: string): Step | undefined {
  return job?.steps.find((s) => s.uses?.startsWith(`${action}@`));
}

export interface Job {
  readonly name?: string;
  readonly if?: string;
  readonly needs?: string | string[];
  readonly permissions?: Record<string, string> | string;
  readonly environment?: string | { name: string };
  readonly concurrency?: { group: string; "cancel-in-progress"?: boolean } | string;
  readonly outputs?: Record<string, string>;
  readonly strategy?: unknown;
  readonly env?: Record<string, unknown>;
  readonly steps: Step[];
}

export interface Workflow {
  readonly name: string;
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string>;
  readonly concurrency?: unknown;
  readonly env?: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}

export function workflowText(file: string): string {
  return fs.readFileSync(path.join(WORKFLOWS_DIR, file), "utf8");
}

export function workflow(file: string): Workflow {
  return parse(workflowText(file)) as Workflow;
}

/** Every step of every job of a workflow, with where it is. */
export function steps(file: string): { job: string; index: number; step: Step }[] {
  return Object.entries(workflow(file).jobs).flatMap(([job, body]) =>
    body.steps.map((step, index) => ({ job, index, step })),
  );
}

export function packageScripts(): Record<string, string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  return pkg.scripts;
}
