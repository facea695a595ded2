// The work behind `npm run recover` (cli.ts is the command): see cli.ts for what it does and its exit codes.
import * as fs from "fs";
import * as path from "path";
import { isInitialized, markInitialized } from "../plan-review/init";
import { listStacks, outputFolder, ROOT, selectStacks, stackFolder, terraform } from "../plan-review/stacks";
import { run, synthesize } from "../tooling/process";
import { findTagged, stackTag } from "./discover";
import {
  ConfiguredResources,
  importBlocks,
  planRecovery,
  PulledState,
  Recovery,
  stateResources,
  Tagged,
} from "./orphans";

/** The file of import blocks, beside the stack's cdk.tf.json. */
export const IMPORTS_FILE = "recover-imports.tf.json";

const USAGE = "usage: npm run recover -- <stack> [--out <synthesized output folder>]";

export interface Arguments {
  readonly stack: string;
  readonly out?: string;
}

/** The command line, or an error naming what is wrong with it. */
export function parseArguments(args: readonly string[]): Arguments {
  const positional: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--out") {
      out = args[++i];
      if (!out) throw new Error(`recover: --out needs a folder; ${USAGE}`);
    } else if (arg.startsWith("-")) {
      throw new Error(`recover: unknown option ${arg}; ${USAGE}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1) throw new Error(`recover: name exactly one stack, got ${positional.length}; ${USAGE}`);
  return { stack: positional[0] ?? "", out };
}

/** Exit code for a finding: 0 nothing, 2 all mapped, 3 something left alone. */
export function exitCode(recovery: Recovery): 0 | 2 | 3 {
  if (recovery.unrecovered.length > 0) return 3;
  return recovery.imports.length > 0 ? 2 : 0;
}

function describe(orphan: Tagged): string {
  const attributes = Object.entries(orphan.attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`);
  return attributes.length ? `${orphan.importId} (${attributes.join(", ")})` : orphan.importId;
}

/** The report, one line per orphan. */
export function report(stack: string, stateCount: number, tagged: number, recovery: Recovery, file: string): string {
  const tag = stackTag(stack);
  const lines = [
    `${stack}: ${tagged} resource(s) in AWS carry ${tag.key} = ${tag.value}; the state holds ${stateCount} resource(s)`,
  ];
  if (recovery.imports.length === 0 && recovery.unrecovered.length === 0) {
    lines.push("nothing to recover: the state holds every resource with the stack's tag");
    return `${lines.join("\n")}\n`;
  }
  for (const { address, orphan } of recovery.imports) lines.push(`  orphan ${describe(orphan)} is ${address}: import`);
  for (const { orphan, reason } of recovery.unrecovered) {
    lines.push(`  orphan ${describe(orphan)}${orphan.type ? ` (${orphan.type})` : ""} left alone: ${reason}`);
  }
  if (recovery.imports.length > 0) {
    lines.push(
      `wrote ${recovery.imports.length} import block(s) to ${file}: review them with \`npm run plan -- ${stack}\`; ` +
        "the next apply imports them instead of creating them again",
    );
  }
  if (recovery.unrecovered.length > 0) {
    lines.push(
      "resources left alone carry the stack's tag but no address can be proven for them: import them by hand " +
        "(terraform import) or delete them, before the next apply",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Finds the stack's orphans, writes import blocks for those it can map, reports; returns the exit code. */
export async function recover(args: Arguments): Promise<number> {
  const out = args.out ? path.resolve(args.out) : outputFolder();
  if (!args.out) await synthesize(ROOT, out);
  const [stack = ""] = selectStacks(listStacks(out), [args.stack]);
  const dir = stackFolder(out, stack);
  const file = path.join(dir, IMPORTS_FILE);
  // Written anew from what is found now: a file from an earlier run may name what is imported since.
  fs.rmSync(file, { force: true });

  const json = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8")) as {
    provider?: { aws?: { region?: string }[] };
    resource?: ConfiguredResources;
  };
  const region = json.provider?.aws?.[0]?.region;
  if (!region) throw new Error(`recover: ${path.relative(ROOT, dir)}/cdk.tf.json names no AWS region`);

  if (!isInitialized(dir)) {
    const init = await terraform(dir, ["init", "-input=false"]);
    if (init.code !== 0) throw new Error(`recover: terraform init failed:\n${init.stdout}${init.stderr}`.trimEnd());
    markInitialized(dir);
  }
  // (not through `terraform()`, which puts -no-color after `state`, where `state pull` rejects it)
  const pulled = await run("terraform", [`-chdir=${dir}`, "state", "pull"], { cwd: ROOT });
  if (pulled.code !== 0) throw new Error(`recover: terraform state pull failed:\n${pulled.stderr}`.trimEnd());
  const state = stateResources((pulled.stdout.trim() ? JSON.parse(pulled.stdout) : {}) as PulledState);

  const tagged = await findTagged(stack, { region, endpoint: process.env.AWS_ENDPOINT_URL || undefined });
  const recovery = planRecovery(json.resource ?? {}, state, tagged);
  if (recovery.imports.length > 0)
    fs.writeFileSync(file, `${JSON.stringify(importBlocks(recovery.imports), null, 2)}\n`);
  process.stdout.write(report(stack, state.size, tagged.length, recovery, path.relative(ROOT, file)));
  return exitCode(recovery);
}
