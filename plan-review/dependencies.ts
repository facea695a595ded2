// The plan's `configuration` section, read for two things: which arguments each resource sets
// (what a created resource's row shows) and which resources each one depends on (references in
// its expressions, and `depends_on`): the edges of the flowchart and of the ignore_changes checks.
import { configurationAddress } from "./configuration";
import { ConfigModule, PlanJson } from "./plan-json";
import { isRecord } from "./values";

export interface ConfiguredResource {
  /** The configuration address: `aws_ecs_service.example`, `module.x.aws_y.z`. */
  readonly address: string;
  /** The arguments the configuration sets. */
  readonly arguments: ReadonlySet<string>;
  /** Per argument, the resources its expression references. */
  readonly references: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every resource this one depends on: references and `depends_on`. */
  readonly dependsOn: ReadonlySet<string>;
}

export type ConfigurationIndex = ReadonlyMap<string, ConfiguredResource>;

/** Every `references` list inside an expression tree (nested blocks included), in order. */
function referencesIn(expression: unknown, into: string[]): void {
  if (Array.isArray(expression)) {
    for (const item of expression) referencesIn(item, into);
    return;
  }
  if (!isRecord(expression)) return;
  if (Array.isArray(expression.references)) {
    for (const reference of expression.references) if (typeof reference === "string") into.push(reference);
  }
  for (const [key, value] of Object.entries(expression)) {
    if (key !== "references" && key !== "constant_value") referencesIn(value, into);
  }
}

/** The resource a reference names: `aws_lb.example.arn` -> `aws_lb.example`; `var.x` -> undefined. */
function referencedResource(reference: string, prefix: string, known: ReadonlySet<string>): string | undefined {
  const parts = configurationAddress(reference).split(".");
  const candidate = parts[0] === "data" ? parts.slice(0, 3).join(".") : parts.slice(0, 2).join(".");
  const address = `${prefix}${candidate}`;
  return known.has(address) ? address : undefined;
}

function collect(
  module: ConfigModule | undefined,
  prefix: string,
  into: Map<string, { arguments: Set<string>; raw: Map<string, string[]>; dependsOn: string[] }>,
): void {
  for (const resource of module?.resources ?? []) {
    const address = `${prefix}${resource.address}`;
    const raw = new Map<string, string[]>();
    for (const [argument, expression] of Object.entries(resource.expressions ?? {})) {
      const found: string[] = [];
      referencesIn(expression, found);
      raw.set(argument, found);
    }
    into.set(address, {
      arguments: new Set(Object.keys(resource.expressions ?? {})),
      raw,
      dependsOn: (resource.depends_on ?? []).map((d) => `${prefix}${configurationAddress(d)}`),
    });
  }
  for (const [name, call] of Object.entries(module?.module_calls ?? {})) {
    collect(call.module, `${prefix}module.${name}.`, into);
  }
}

/** Indexes the plan's configuration by resource address. */
export function indexConfiguration(plan: PlanJson): ConfigurationIndex {
  const found = new Map<string, { arguments: Set<string>; raw: Map<string, string[]>; dependsOn: string[] }>();
  collect(plan.configuration?.root_module, "", found);
  const known = new Set(found.keys());
  const index = new Map<string, ConfiguredResource>();
  for (const [address, resource] of found) {
    const modulePrefix = /^((?:module\.[^.]+\.)*)/.exec(address)?.[1] ?? "";
    const references = new Map<string, ReadonlySet<string>>();
    const dependsOn = new Set<string>(resource.dependsOn.filter((d) => known.has(d)));
    for (const [argument, list] of resource.raw) {
      const resolved = new Set<string>();
      for (const reference of list) {
        const target = referencedResource(reference, modulePrefix, known);
        if (target && target !== address) resolved.add(target);
      }
      references.set(argument, resolved);
      for (const target of resolved) dependsOn.add(target);
    }
    index.set(address, { address, arguments: resource.arguments, references, dependsOn });
  }
  return index;
}
