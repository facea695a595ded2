import { cell, code, fenced, plural } from "../../plan-review/markdown";

describe("code", () => {
  it("wraps text in backticks, escaping pipes for tables", () => {
    expect(code("aws_vpc.example")).toBe("`aws_vpc.example`");
    expect(code("a|b")).toBe("`a\\|b`");
  });

  it("uses a longer fence than any run of backticks inside", () => {
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x`")).toBe("`` `x` ``");
  });
});

describe("cell", () => {
  it("joins lines with <br> and keeps the row on one line", () => {
    expect(cell(["a", "b\nc"])).toBe("a<br>b c");
  });

  it("escapes a bare pipe, not an escaped one", () => {
    expect(cell(["a | b", "`x\\|y`"])).toBe("a \\| b<br>`x\\|y`");
  });
});

describe("fenced", () => {
  it("fences text that no line inside can close", () => {
    expect(fenced("a\n```\nb", "text")).toBe("````text\na\n```\nb\n````");
    expect(fenced("plain\n", "text")).toBe("```text\nplain\n```");
  });
});

describe("plural", () => {
  it("counts", () => {
    expect(plural(1, "resource")).toBe("1 resource");
    expect(plural(1234, "line")).toBe("1,234 lines");
  });
});
