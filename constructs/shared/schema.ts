// A small typed schema: the shape of a settings object, checked at run time before any
// construct sees it. The app is bundled without type-checking (docs/decisions/0005), so a
// settings file with a type error still runs; this is where its values' types are checked,
// each mistake reported once under its path, with the value and its type named.
// `object<T>()` requires a field for every key of T (optional keys wrapped in `optional()`),
// so a setting added to a type without its schema fails `tsc`.
import { nearest } from "./nearest";
import { Rule, show } from "./validation";

/** One problem found by a schema: the path as written in the settings, the rule, the value. */
export interface SchemaProblem {
  /** `network.publicSubnetCidrs[0]`. */
  readonly path: string;
  /** `must be a list of strings`, or another rule's words. */
  readonly rule: string;
  readonly value: unknown;
  /** Set when the value has the wrong type: what the value is, and what was expected (`a string`, `a list`). */
  readonly types?: { readonly got: string; readonly expected: string };
}

/** Checks a value of type `T`; `T` is only there so that `object<T>()` can ask for the right shapes. */
export interface Shape<T> {
  /** What a value must be, after "must be": `a list of strings`. */
  readonly describe: string;
  /** The kind of value, for "(a string, expected a list)": `a list`. */
  readonly kind: string;
  check(value: unknown, path: string, problems: SchemaProblem[]): void;
  /** Never set: carries the type. */
  readonly type?: T;
}

/** A field that may be left out. */
export interface Optional<T> {
  readonly optional: Shape<T>;
}

/** The fields of an object schema: every key of `T`, optional ones wrapped in `optional()`. */
export type Fields<T> = {
  readonly [K in keyof T]-?: undefined extends T[K] ? Optional<Exclude<T[K], undefined>> : Shape<T[K]>;
};

/** `a string`, `a list`, `an object`, `NaN`, `null`, `missing`: what a value is, in words. */
export function kindOf(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number")
    return Number.isNaN(value) ? "not a number" : Number.isFinite(value) ? "a number" : "an infinite number";
  if (typeof value === "object") return "an object";
  if (typeof value === "function") return "a function";
  return typeof value === "boolean" ? "a boolean" : `a ${typeof value}`;
}

/** `` `<path>` <rule>, got: <value> (<type>, expected <type>) ``: a schema problem in the project's words. */
export function describeProblem(problem: SchemaProblem): string {
  const types = problem.types ? ` (${problem.types.got}, expected ${problem.types.expected})` : "";
  const what = problem.path === "" ? "the environment" : `\`${problem.path}\``;
  return `${what} ${problem.rule}, got: ${show(problem.value)}${types}`;
}

function wrongType(path: string, shape: Shape<unknown>, value: unknown, problems: SchemaProblem[]): void {
  const rule = value === undefined ? "is required" : `must be ${shape.describe}`;
  problems.push({ path, rule, value, types: { got: kindOf(value), expected: shape.kind } });
}

/** A leaf shape: `test` decides the type; then `rules`, in order, as `Problems.check` runs them. */
function leaf<T>(describe: string, kind: string, test: (value: unknown) => boolean, rules: Rule<T>[] = []): Shape<T> {
  const shape: Shape<T> = {
    describe,
    kind,
    check(value, path, problems) {
      if (!test(value)) return wrongType(path, shape, value, problems);
      for (const rule of rules) {
        const broken = rule(value as T);
        if (broken !== undefined) {
          problems.push({ path, rule: broken, value });
          return;
        }
      }
    },
  };
  return shape;
}

/** A string, then the rules. */
export function string(...rules: Rule<string>[]): Shape<string> {
  return leaf("a string", "a string", (v) => typeof v === "string", rules);
}

/** A finite number (not NaN, not Infinity), then the rules. */
export function number(...rules: Rule<number>[]): Shape<number> {
  return leaf("a number", "a number", (v) => typeof v === "number" && Number.isFinite(v), rules);
}

export const boolean: Shape<boolean> = leaf("true or false", "a boolean", (v) => typeof v === "boolean");

/** One of some strings. */
export function literal<T extends string>(...values: T[]): Shape<T> {
  const describe = values.map((v) => show(v)).join(" or ");
  return leaf<T>(describe, values.length === 1 ? show(values[0]) : `one of ${describe}`, (v) =>
    values.includes(v as T),
  );
}

/** A list of items of one shape, then the rules on the whole list. */
export function list<T>(item: Shape<T>, ...rules: Rule<T[]>[]): Shape<T[]> {
  const shape: Shape<T[]> = {
    describe: `a list of ${plural(item.describe)}`,
    kind: "a list",
    check(value, path, problems) {
      if (!Array.isArray(value)) return wrongType(path, shape, value, problems);
      const before = problems.length;
      value.forEach((element, i) => item.check(element, `${path}[${i}]`, problems));
      if (problems.length > before) return;
      for (const rule of rules) {
        const broken = rule(value as T[]);
        if (broken !== undefined) {
          problems.push({ path, rule: broken, value });
          return;
        }
      }
    },
  };
  return shape;
}

/** An object of names to values of one shape: `{ APP_SECRET: {...} }`. */
export function record<T>(item: Shape<T>): Shape<Readonly<Record<string, T>>> {
  const shape: Shape<Readonly<Record<string, T>>> = {
    describe: `an object of names to ${plural(item.describe)}`,
    kind: "an object",
    check(value, path, problems) {
      if (!isPlainObject(value)) return wrongType(path, shape, value, problems);
      for (const [key, element] of Object.entries(value)) item.check(element, `${path}.${key}`, problems);
    },
  };
  return shape;
}

/** A field that may be left out (or set to undefined). */
export function optional<T>(shape: Shape<T>): Optional<T> {
  return { optional: shape };
}

export interface ObjectOptions {
  /** What a value must be, after "must be". @default "an object" */
  readonly describe?: string;
  /**
   * Keys a settings file could hold before and where they went (`dns` -> `loadBalancer.https.dns`):
   * such a key is still unknown, and its line says where to write it now.
   * @default none
   */
  readonly moved?: Readonly<Record<string, string>>;
  /**
   * Keys a settings file could hold by habit (from a neighbouring setting) that this object cannot
   * take, with the reason (`timezone` on an EventBridge rule): such a key is still unknown, and its
   * line says why.
   * @default none
   */
  readonly refused?: Readonly<Record<string, string>>;
  /**
   * Keys a user might write that are made from other settings here, and how (`family` ->
   * "`<taskDefinition.family>-<key>`"): such a key is unknown, and its line says where the value comes from.
   * @default none
   */
  readonly derived?: Readonly<Record<string, string>>;
}

/**
 * An object with exactly these fields: each is checked under its path, a missing required
 * field is named, and an unknown key (a typo) is reported with the nearest known key, or
 * where it moved.
 */
export function object<T>(fields: Fields<T>, options: ObjectOptions = {}): Shape<T> {
  const entries = Object.entries<Shape<unknown> | Optional<unknown>>(fields);
  const known = entries.map(([key]) => key);
  const shape: Shape<T> = {
    describe: options.describe ?? "an object",
    kind: "an object",
    check(value, path, problems) {
      if (!isPlainObject(value)) return wrongType(path, shape, value, problems);
      const at = (key: string) => (path === "" ? key : `${path}.${key}`);
      for (const [key, field] of entries) {
        const inner = value[key];
        if ("optional" in field) {
          if (inner !== undefined) field.optional.check(inner, at(key), problems);
        } else {
          field.check(inner, at(key), problems);
        }
      }
      for (const key of Object.keys(value)) {
        if (known.includes(key)) continue;
        const moved = options.moved?.[key];
        const refused = options.refused?.[key];
        const derived = options.derived?.[key];
        const hint = nearest(key, known);
        const rule = moved
          ? `is not a known setting: it moved to \`${moved}\``
          : refused
            ? `is not a known setting: ${refused}`
            : derived
              ? `is not a setting here: it is ${derived}`
              : `is not a known setting${hint ? ` (did you mean \`${hint}\`?)` : ""}`;
        problems.push({ path: at(key), rule, value: value[key] });
      }
    },
  };
  return shape;
}

/**
 * A shape for a type the schema does not spell out (e.g. the provider's IAM statement): `test`
 * returns the rule a value breaks, or undefined.
 */
export function custom<T>(describe: string, kind: string, test: (value: unknown) => string | undefined): Shape<T> {
  const shape: Shape<T> = {
    describe,
    kind,
    check(value, path, problems) {
      if (value === undefined || (kind === "an object" && !isPlainObject(value))) {
        return wrongType(path, shape, value, problems);
      }
      const broken = test(value);
      if (broken !== undefined) problems.push({ path, rule: broken, value });
    },
  };
  return shape;
}

/** Every problem of `value` against `shape`, the paths starting at the root's fields. */
export function checkShape<T>(shape: Shape<T>, value: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  shape.check(value, "", problems);
  return problems;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `a string` -> `strings`, `an object` -> `objects`, `true or false` -> `booleans`. */
function plural(describe: string): string {
  if (describe === "true or false") return "booleans";
  const words = describe.replace(/^an? /, "");
  const [first = "", ...rest] = words.split(" ");
  if (first === "list") return `lists ${rest.join(" ")}`;
  return [first.endsWith("s") ? first : `${first}s`, ...rest].join(" ");
}
