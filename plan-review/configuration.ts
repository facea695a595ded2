// What the plan JSON does not say about a resource but the synthesized `cdk.tf.json` does: the
// construct path that created it (CDKTF's `//` metadata) and its `lifecycle.ignore_changes`.
import * as fs from "fs";
import * as path from "path";

export interface ResourceConfiguration {
  /** The construct path, e.g. `ecs-fargate/service/service`: which TypeScript to open. */
  readonly constructPath?: string;
  /** The attributes `lifecycle.ignore_changes` names, or "all". */
  readonly ignoreChanges: readonly string[] | "all";
}

export interface StackConfiguration {
  /** By configuration address (`aws_ecs_service.example`, `data.aws_iam_policy.x`): no instance keys. */
  readonly resources: ReadonlyMap<string, ResourceConfiguration>;
}

export const EMPTY_CONFIGURATION: StackConfiguration = { resources: new Map() };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resourceConfiguration(body: unknown): ResourceConfiguration {
  if (!isRecord(body)) return { ignoreChanges: [] };
  const metadata = isRecord(body["//"]) && isRecord(body["//"].metadata) ? body["//"].metadata : {};
  const constructPath = typeof metadata.path === "string" ? metadata.path : undefined;
  const lifecycle = isRecord(body.lifecycle) ? body.lifecycle : {};
  const ignore = lifecycle.ignore_changes;
  const ignoreChanges =
    ignore === "all" || (Array.isArray(ignore) && ignore.includes("all"))
      ? "all"
      : Array.isArray(ignore)
        ? ignore.filter((a): a is string => typeof a === "string")
        : [];
  return { constructPath, ignoreChanges };
}

/** Reads a synthesized `cdk.tf.json` (or any Terraform JSON configuration). */
export function readConfiguration(json: unknown): StackConfiguration {
  const resources = new Map<string, ResourceConfiguration>();
  if (!isRecord(json)) return { resources };
  for (const [block, prefix] of [
    ["resource", ""],
    ["data", "data."],
  ] as const) {
    const byType = json[block];
    if (!isRecord(byType)) continue;
    for (const [type, byName] of Object.entries(byType)) {
      if (!isRecord(byName)) continue;
      for (const [name, body] of Object.entries(byName)) {
        resources.set(`${prefix}${type}.${name}`, resourceConfiguration(body));
      }
    }
  }
  return { resources };
}

/** The configuration in the `cdk.tf.json` beside a plan file, when there is one. */
export function configurationBeside(planFile: string): StackConfiguration {
  const file = path.join(path.dirname(planFile), "cdk.tf.json");
  if (!fs.existsSync(file)) return EMPTY_CONFIGURATION;
  return readConfiguration(JSON.parse(fs.readFileSync(file, "utf8")));
}

/** The configuration address of a resource instance: `aws_subnet.x[0]` -> `aws_subnet.x`. */
export function configurationAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g, "");
}

/** What the configuration says about a resource instance. */
export function resourceInfo(configuration: StackConfiguration, address: string): ResourceConfiguration {
  return configuration.resources.get(configurationAddress(address)) ?? { ignoreChanges: [] };
}
