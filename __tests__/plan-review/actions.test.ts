import { byDanger, kindOf } from "../../plan-review/actions";
import { PlanAction, ResourceChange } from "../../plan-review/plan-json";

const change = (actions: PlanAction[], extra: Partial<ResourceChange> = {}): ResourceChange => ({
  address: "aws_vpc.example",
  mode: "managed",
  type: "aws_vpc",
  name: "example",
  change: { actions, before: null, after: null },
  ...extra,
});

describe("kindOf", () => {
  it.each([
    [["create"], "create"],
    [["update"], "update"],
    [["delete"], "destroy"],
    [["delete", "create"], "replace"],
    [["create", "delete"], "replace"],
    [["forget"], "forget"],
    [["no-op"], undefined],
  ] as const)("%p is %p", (actions, kind) => {
    expect(kindOf(change([...actions]))).toBe(kind);
  });

  it("a no-op that moves is a move, one that imports an import", () => {
    expect(kindOf(change(["no-op"], { previous_address: "aws_vpc.old" }))).toBe("move");
    expect(
      kindOf(change(["no-op"], { change: { actions: ["no-op"], before: {}, after: {}, importing: { id: "vpc-1" } } })),
    ).toBe("import");
  });

  it("a data source read is not a change to review", () => {
    expect(kindOf(change(["read"], { mode: "data" }))).toBeUndefined();
  });
});

describe("byDanger", () => {
  it("puts destroys first, then replacements, updates, creations, then addresses", () => {
    const rows = [
      { kind: "create", address: "b" },
      { kind: "update", address: "a" },
      { kind: "destroy", address: "z" },
      { kind: "replace", address: "c" },
      { kind: "create", address: "a" },
    ] as const;
    expect([...rows].sort(byDanger).map((r) => `${r.kind} ${r.address}`)).toEqual([
      "destroy z",
      "replace c",
      "update a",
      "create a",
      "create b",
    ]);
  });
});
