// A synth-time check: one rule looks at one kind of Terraform element, as Terraform will
// receive it (the element's snake_case JSON), and says what is risky about it and how to fix
// it. Rules warn; they never change what is synthesized.
import { TerraformElement } from "cdktf";

/** An element as a rule sees it. */
export interface Checked {
  /** `resource` or `data`. */
  readonly mode: "resource" | "data";
  /** `aws_ecs_service`. */
  readonly type: string;
  /** The element's arguments as Terraform receives them (tokens unresolved: `${...}` strings). */
  readonly args: Record<string, unknown>;
}

/** What a rule found wrong with one element. */
export interface Violation {
  /** What is risky, in one sentence. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

export interface CheckRule {
  /** A stable name, used to acknowledge the rule: `ecs-service-circuit-breaker`. */
  readonly id: string;
  /** The rule in a few words. */
  readonly title: string;
  /** The elements the rule looks at. */
  readonly types: readonly string[];
  /** One violation per problem found in the element; none when it complies. */
  check(element: Checked): Violation[];
}

/** The element as a rule sees it; undefined for elements that are not resources or data sources. */
export function checked(element: TerraformElement): Checked | undefined {
  const json = element.toTerraform() as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
  for (const mode of ["resource", "data"] as const) {
    const byType = json[mode];
    if (!byType) continue;
    const [type, byName] = Object.entries(byType)[0] ?? [];
    const args = byName ? Object.values(byName)[0] : undefined;
    if (type && args) return { mode, type, args };
  }
  return undefined;
}

/** True for a value known only at apply time (a Terraform reference or expression). */
export function isReference(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** A value that may be one item or a list of them, as a list. */
export function asList<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? [...(value as T[])] : [value as T];
}
