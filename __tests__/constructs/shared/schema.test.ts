import {
  boolean,
  checkShape,
  custom,
  describeProblem,
  kindOf,
  list,
  literal,
  number,
  object,
  optional,
  record,
  string,
} from "../../../constructs/shared/schema";
import { port } from "../../../constructs/shared/rules";

interface Example {
  readonly name: string;
  readonly ports?: number[];
  readonly tags?: Readonly<Record<string, string>>;
  readonly mode?: "a" | "b";
  readonly nested?: { readonly on: boolean };
  readonly extra?: unknown;
}

const example = object<Example>({
  name: string(),
  ports: optional(list(number(port))),
  tags: optional(record(string())),
  mode: optional(literal("a", "b")),
  nested: optional(object<{ readonly on: boolean }>({ on: boolean })),
  extra: optional(custom<unknown>("anything but 0", "a value", (v) => (v === 0 ? "must not be 0" : undefined))),
});

const lines = (value: unknown) => checkShape(example, value).map(describeProblem);

describe("schema", () => {
  it("accepts a value of the right shape, optional fields left out", () => {
    expect(lines({ name: "x" })).toEqual([]);
    expect(lines({ name: "x", ports: [80], tags: { a: "b" }, mode: "a", nested: { on: true }, extra: 1 })).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ["a missing field", {}, ["`name` is required, got: undefined (missing, expected a string)"]],
    ["a wrong type", { name: 1 }, ["`name` must be a string, got: 1 (a number, expected a string)"]],
    ["NaN", { name: "x", ports: [NaN] }, ["`ports[0]` must be a number, got: NaN (not a number, expected a number)"]],
    [
      "a rule after the type",
      { name: "x", ports: [80, 0] },
      ["`ports[1]` must be a whole number from 1 to 65535, got: 0"],
    ],
    [
      "a string for a list",
      { name: "x", ports: "80" },
      ['`ports` must be a list of numbers, got: "80" (a string, expected a list)'],
    ],
    [
      "a record entry",
      { name: "x", tags: { a: 1 } },
      ["`tags.a` must be a string, got: 1 (a number, expected a string)"],
    ],
    [
      "a literal",
      { name: "x", mode: "c" },
      ['`mode` must be "a" or "b", got: "c" (a string, expected one of "a" or "b")'],
    ],
    [
      "a nested object given as a list",
      { name: "x", nested: [] },
      ["`nested` must be an object, got: [] (a list, expected an object)"],
    ],
    ["a custom rule", { name: "x", extra: 0 }, ["`extra` must not be 0, got: 0"]],
    ["a typo", { name: "x", prots: [80] }, ["`prots` is not a known setting (did you mean `ports`?), got: [80]"]],
    ["an unknown key far from any", { name: "x", zzzzzzzz: 1 }, ["`zzzzzzzz` is not a known setting, got: 1"]],
    [
      "several problems, each once",
      { name: null, ports: [1, "2"] },
      [
        "`name` must be a string, got: null (null, expected a string)",
        '`ports[1]` must be a number, got: "2" (a string, expected a number)',
      ],
    ],
  ])("reports %s", (_, value, expected) => {
    expect(lines(value)).toEqual(expected);
  });

  it("says where a key moved, over the nearest known key", () => {
    const moved = object<{ readonly name: string; readonly port?: number }>(
      { name: string(), port: optional(number()) },
      { moved: { ports: "listener.ports", nam: "owner.name" } },
    );
    expect(checkShape(moved, { name: "x", ports: [80], nam: "y" }).map(describeProblem)).toEqual([
      "`ports` is not a known setting: it moved to `listener.ports`, got: [80]",
      '`nam` is not a known setting: it moved to `owner.name`, got: "y"',
    ]);
  });

  it("says why a key it refuses cannot be set, over the nearest known key", () => {
    const refused = object<{ readonly schedule: string }>(
      { schedule: string() },
      { refused: { timezone: "a rule reads its schedule in UTC" } },
    );
    expect(checkShape(refused, { schedule: "rate(1 day)", timezone: "Asia/Tokyo" }).map(describeProblem)).toEqual([
      '`timezone` is not a known setting: a rule reads its schedule in UTC, got: "Asia/Tokyo"',
    ]);
  });

  it("says how a key that is made from other settings is made, over the nearest known key", () => {
    const derived = object<{ readonly file: string }>(
      { file: string() },
      { derived: { family: "`<family>-<key>`, made from the key" } },
    );
    expect(checkShape(derived, { file: "x", family: "y" }).map(describeProblem)).toEqual([
      '`family` is not a setting here: it is `<family>-<key>`, made from the key, got: "y"',
    ]);
  });

  it("names the whole value when it is not an object", () => {
    expect(lines(undefined)).toEqual(["the environment is required, got: undefined (missing, expected an object)"]);
    expect(lines("x")).toEqual(['the environment must be an object, got: "x" (a string, expected an object)']);
  });

  it.each<[unknown, string]>([
    [undefined, "missing"],
    [null, "null"],
    [[], "a list"],
    [{}, "an object"],
    [1, "a number"],
    [NaN, "not a number"],
    [-Infinity, "an infinite number"],
    ["", "a string"],
    [false, "a boolean"],
  ])("names the kind of %p as %s", (value, kind) => {
    expect(kindOf(value)).toBe(kind);
  });
});
