import { Token } from "cdktf";
import { Construct, IConstruct } from "constructs";

/**
 * A rule checks one value and returns what the value must be when it breaks the
 * rule (`"must be a whole number from 0"`), or `undefined` when it keeps it.
 */
export type Rule<T> = (value: T) => string | undefined;

/** Marks a number JSON has no word for, so that `show` prints it bare instead of `null`. */
const NOT_FINITE = "\u0000not-finite\u0000";

/**
 * Shows a received value in an error message as JSON: strings quoted, numbers bare; NaN and
 * Infinity as themselves (JSON would print `null`), a missing value as `undefined`.
 */
export function show(value: unknown): string {
  const json = JSON.stringify(value, (_, v: unknown) =>
    typeof v === "number" && !Number.isFinite(v) ? `${NOT_FINITE}${String(v)}${NOT_FINITE}` : v,
  );
  if (json === undefined) return "undefined";
  return json.replace(/"\\u0000not-finite\\u0000(NaN|-?Infinity)\\u0000not-finite\\u0000"/g, "$1");
}

/** True when the value, or anything inside it, is a Terraform token that is only known at apply time. */
export function isUnresolved(value: unknown): boolean {
  if (Token.isUnresolved(value)) return true;
  if (Array.isArray(value)) return value.some(isUnresolved);
  return false;
}

/**
 * Where a construct's problem of one property is shown: under another source (the settings
 * file the construct was built from) and that source's name for the property; `undefined`
 * keeps the default, the construct's path and its own property name.
 */
export type ProblemSource = (property: string) => { readonly source: string; readonly property: string } | undefined;

const sources = new WeakMap<IConstruct, ProblemSource>();

/**
 * Shows `construct`'s problems under `source` (the stack does this for the constructs it
 * builds from an environment's settings: `config/environments/dev.ts: \`logs.retentionInDays\``).
 */
export function showProblemsAs(construct: IConstruct, source: ProblemSource): void {
  sources.set(construct, source);
}

/**
 * Collects every problem found in one construct's props so that a synth reports
 * them all together. Attached to the construct as a validation: `cdktf synth`
 * (through `synthesizeOrExplain`) prints them and writes nothing.
 */
/** One problem of a property: the rule it breaks, the value, and the other properties the rule names. */
interface PropertyProblem {
  readonly property: string;
  readonly rule: string;
  readonly value: unknown;
  /** Properties the rule names in backquotes (`` `targets[0]` has it too ``), shown under their source's names too. */
  readonly refs?: readonly string[];
}

export class Problems {
  private readonly problems: (PropertyProblem | string)[] = [];

  /** @param scope the construct whose path prefixes each message about a property */
  public constructor(private readonly scope: Construct) {
    scope.node.addValidation({ validate: () => this.problems.map((p) => this.line(p)) });
  }

  /**
   * Checks a construct property against rules, in order, stopping at the first broken one.
   * Values that are Terraform tokens are unknown until apply: they are skipped, never guessed.
   */
  public check<T>(property: string, value: T, ...rules: Rule<T>[]): void {
    if (value === undefined || isUnresolved(value)) return;
    for (const rule of rules) {
      const broken = rule(value);
      if (broken !== undefined) {
        this.report(property, broken, value);
        return;
      }
    }
  }

  /**
   * Reports a broken rule of a construct property: `` <path>: `<property>` <rule>, got: <value> ``.
   * `refs` are the other properties the rule names in backquotes, which a source may name otherwise.
   */
  public report(property: string, rule: string, value: unknown, refs?: readonly string[]): void {
    this.problems.push({ property, rule, value, refs });
  }

  /** Reports a message that already names its own source (a file and position). */
  public raw(message: string): void {
    this.problems.push(message);
  }

  /** A problem as printed, under the construct's path or the source it was built from. */
  private line(problem: PropertyProblem | string): string {
    if (typeof problem === "string") return problem;
    const source = sources.get(this.scope);
    const shown = source?.(problem.property);
    const [where, property] = shown ? [shown.source, shown.property] : [this.scope.node.path, problem.property];
    const rule = (problem.refs ?? []).reduce((text, ref) => {
      const named = shown && source?.(ref);
      return named ? text.split(`\`${ref}\``).join(`\`${named.property}\``) : text;
    }, problem.rule);
    return `${where}: \`${property}\` ${rule}, got: ${show(problem.value)}`;
  }
}

/**
 * Every validation error under `scope`, in construct order, each once: a setting that several
 * constructs receive, shown under the setting's own path, makes one line, not one per construct.
 */
export function validationErrors(scope: Construct): string[] {
  return [...new Set(scope.node.findAll().flatMap((node) => node.node.validate()))];
}
