// Sensitive values never reach the summary. Two layers:
// 1. every value is read through Terraform's sensitivity marks (`before_sensitive`/`after_sensitive`,
//    whole attributes and nested values alike) and prints as `(sensitive)`;
// 2. every sensitive string the plan holds is collected, and `scrub` replaces any copy of it left in
//    the finished text (Terraform's own plan text and error messages included), in case a value
//    reached the text some other way (a sensitive variable interpolated into a name, say).
// What the tool can know besides the plan: the state's sensitive values (`terraform show -json` of the
// state, for a plan that failed) and the stack's sensitive variables (their defaults and TF_VAR_*).
import { JsonValue, PlanJson, ResourceChange, ValueMarks } from "./plan-json";
import { MIN_SCRUBBED_LENGTH } from "./scrub";

// The scrubbing itself lives in scrub.ts (one function for every output); re-exported for callers of this file.
export { scrub, SENSITIVE } from "./scrub";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The marks of a child value: a marked parent marks its whole subtree. */
export function childMarks(marks: ValueMarks | undefined, key: string | number): ValueMarks | undefined {
  if (marks === true) return true;
  if (Array.isArray(marks)) return typeof key === "number" ? (marks as ValueMarks[])[key] : undefined;
  if (isRecord(marks)) return (marks as Record<string, ValueMarks>)[String(key)];
  return undefined;
}

/** Marks that are set wherever either side is set: a value sensitive before or after is sensitive. */
export function unionMarks(a: ValueMarks | undefined, b: ValueMarks | undefined): ValueMarks | undefined {
  if (a === true || b === true) return true;
  if (!a) return b || undefined;
  if (!b) return a || undefined;
  if (Array.isArray(a) || Array.isArray(b)) {
    const left = Array.isArray(a) ? (a as ValueMarks[]) : [];
    const right = Array.isArray(b) ? (b as ValueMarks[]) : [];
    // A list on one side and a map on the other: be safe.
    if (!Array.isArray(a) && isRecord(a) && Object.keys(a).length > 0) return true;
    if (!Array.isArray(b) && isRecord(b) && Object.keys(b).length > 0) return true;
    const length = Math.max(left.length, right.length);
    return Array.from({ length }, (_, i) => unionMarks(left[i], right[i]) ?? false);
  }
  const result: Record<string, ValueMarks> = {};
  const left = a as Record<string, ValueMarks>;
  const right = b as Record<string, ValueMarks>;
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
    const marks = unionMarks(left[key], right[key]);
    if (marks !== undefined) result[key] = marks;
  }
  return result;
}

/** The sensitivity marks of a change, both sides together. */
export function changeMarks(change: ResourceChange["change"]): ValueMarks | undefined {
  return unionMarks(change.before_sensitive, change.after_sensitive);
}

/** Every string (and number) under the marked parts of a value. */
function collectMarked(value: unknown, marks: ValueMarks | undefined, into: Set<string>): void {
  if (marks === undefined || marks === false || value === null || value === undefined) return;
  if (marks === true) {
    collectAll(value, into);
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => collectMarked(v, childMarks(marks, i), into));
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) collectMarked(v, childMarks(marks, k), into);
}

function collectAll(value: unknown, into: Set<string>): void {
  if (typeof value === "string") into.add(value);
  else if (typeof value === "number") into.add(String(value));
  else if (Array.isArray(value)) value.forEach((v) => collectAll(v, into));
  else if (isRecord(value)) Object.values(value).forEach((v) => collectAll(v, into));
}

interface StateModule {
  readonly resources?: readonly { readonly values?: JsonValue; readonly sensitive_values?: ValueMarks }[];
  readonly child_modules?: readonly StateModule[];
}

function collectStateModule(module: StateModule | undefined, into: Set<string>): void {
  for (const resource of module?.resources ?? []) collectMarked(resource.values, resource.sensitive_values, into);
  for (const child of module?.child_modules ?? []) collectStateModule(child, into);
}

/** Every sensitive value the plan holds, as text: what must never appear in a summary. */
export function sensitiveStrings(plan: PlanJson): Set<string> {
  const found = new Set<string>();
  for (const change of [...(plan.resource_changes ?? []), ...(plan.resource_drift ?? [])]) {
    const marks = changeMarks(change.change);
    collectMarked(change.change.before, marks, found);
    collectMarked(change.change.after, marks, found);
  }
  type OutputWithValues = {
    before?: JsonValue;
    after?: JsonValue;
    before_sensitive?: ValueMarks;
    after_sensitive?: ValueMarks;
  };
  for (const output of Object.values(plan.output_changes ?? {}) as OutputWithValues[]) {
    const marks = unionMarks(output.before_sensitive, output.after_sensitive);
    collectMarked(output.before, marks, found);
    collectMarked(output.after, marks, found);
  }
  const variables = plan.configuration?.root_module?.variables ?? {};
  for (const [name, variable] of Object.entries(plan.variables ?? {})) {
    if (variables[name]?.sensitive) collectAll(variable.value, found);
  }
  for (const invocation of plan.action_invocations ?? []) {
    collectMarked(invocation.config_values, invocation.config_sensitive, found);
  }
  const loose = plan as unknown as {
    prior_state?: { values?: { root_module?: StateModule } };
    planned_values?: { root_module?: StateModule };
  };
  collectStateModule(loose.prior_state?.values?.root_module, found);
  collectStateModule(loose.planned_values?.root_module, found);
  return new Set([...found].filter((s) => s.length >= MIN_SCRUBBED_LENGTH));
}

/** The sensitive values of a state, as `terraform show -json` (without a plan) prints it. */
export function stateSecrets(state: unknown): Set<string> {
  const found = new Set<string>();
  const loose = state as { values?: { root_module?: StateModule } } | undefined;
  collectStateModule(loose?.values?.root_module, found);
  return new Set([...found].filter((s) => s.length >= MIN_SCRUBBED_LENGTH));
}

/**
 * The values of a stack's sensitive variables that the tool can see: each one's default in the
 * synthesized configuration (`cdk.tf.json`) and its `TF_VAR_<name>` in the environment.
 */
export function variableSecrets(configuration: unknown, env: NodeJS.ProcessEnv = process.env): Set<string> {
  const found = new Set<string>();
  const variables = (configuration as { variable?: Record<string, { sensitive?: boolean; default?: unknown }> })
    ?.variable;
  for (const [name, variable] of Object.entries(variables ?? {})) {
    if (!variable?.sensitive) continue;
    collectAll(variable.default, found);
    const given = env[`TF_VAR_${name}`];
    if (given !== undefined) {
      found.add(given);
      // A variable of a structured type is given as HCL or JSON: its parts are secrets too.
      try {
        collectAll(JSON.parse(given), found);
      } catch {
        // a plain string
      }
    }
  }
  return new Set([...found].filter((s) => s.length >= MIN_SCRUBBED_LENGTH));
}
