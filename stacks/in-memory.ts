// The environments' stacks built in an app of their own that is never written: their Terraform
// JSON, for tools that read what a stack would synthesize (the CI roles, the preflight).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { EnvironmentSettings, RuntimeSettings } from "../config";
import { addEnvironmentStacks } from "./app";

/** A stack's Terraform JSON, as much of it as the tools read. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Each environment's stack JSON by stack name; an environment whose settings are broken has none. */
export function stacksInMemory(
  environments: readonly EnvironmentSettings[],
  runtime: RuntimeSettings,
): Map<string, StackJson> {
  const scratch = new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), "stacks-in-memory-")),
    skipValidation: true,
  });
  const stacks = addEnvironmentStacks(scratch, environments, runtime);
  return new Map(stacks.map((s) => [s.node.id, s.toTerraform() as StackJson]));
}
