import {
  isEmpty,
  joinPath,
  masked,
  parseJsonDocument,
  renderValue,
  sameValue,
  shorten,
} from "../../plan-review/values";

describe("empty versus null", () => {
  it.each([null, undefined, "", [], {}])("%p is empty", (value) => {
    expect(isEmpty(value)).toBe(true);
  });

  it.each([0, false, " ", [null], { a: null }])("%p is not empty", (value) => {
    expect(isEmpty(value)).toBe(false);
  });

  it("treats every empty value as equal to every other, and nothing else", () => {
    expect(sameValue("", null)).toBe(true);
    expect(sameValue({}, null)).toBe(true);
    expect(sameValue({ a: [] }, { a: null, b: "" })).toBe(true);
    expect(sameValue(0, null)).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });
});

describe("shorten", () => {
  it("keeps short text as it is", () => {
    expect(shorten("a".repeat(60))).toBe("a".repeat(60));
  });

  it("cuts long text in the middle, keeping both ends, to the limit", () => {
    const arn = `arn:aws:ecs:ap-northeast-1:123456789012:task-definition/${"x".repeat(60)}:12`;
    const short = shorten(arn);
    expect(Array.from(short)).toHaveLength(60);
    expect(short.startsWith("arn:aws:ecs:ap-northeast-1:")).toBe(true);
    expect(short.endsWith("x:12")).toBe(true);
    expect(short).toContain("…");
  });

  it("never cuts an emoji in half", () => {
    const short = shorten("🟢".repeat(100), 11);
    expect(short).toBe(`${"🟢".repeat(6)}…${"🟢".repeat(4)}`);
  });
});

describe("renderValue", () => {
  it("writes JSON", () => {
    expect(renderValue("nginx")).toBe('"nginx"');
    expect(renderValue(3)).toBe("3");
    expect(renderValue(undefined)).toBe("null");
    expect(renderValue(["a"])).toBe('["a"]');
  });

  it("writes a JSON document held by a string as the document, keys sorted", () => {
    expect(renderValue('{"b":1,"a":2}')).toBe('{"a":2,"b":1}');
  });

  it("masks a sensitive value whole, and sensitive parts of a structure", () => {
    expect(renderValue("hunter22", true)).toBe("(sensitive)");
    expect(renderValue({ owner: "me", token: "hunter22" }, { token: true })).toBe(
      '{"owner":"me","token":"(sensitive)"}',
    );
  });

  it("masks a sensitive JSON document without reading it", () => {
    expect(renderValue('{"password":"hunter22"}', true)).toBe("(sensitive)");
  });
});

describe("masked", () => {
  it("replaces the marked leaves, in lists and maps", () => {
    expect(masked({ a: ["x", "y"], b: { c: "z" } }, { a: [false, true], b: true })).toEqual({
      a: ["x", "(sensitive)"],
      b: "(sensitive)",
    });
  });
});

describe("parseJsonDocument", () => {
  it.each([
    ['[{"image":"nginx"}]', [{ image: "nginx" }]],
    [' {"Version":"2012-10-17"}', { Version: "2012-10-17" }],
  ])("reads %p", (text, document) => {
    expect(parseJsonDocument(text)).toEqual(document);
  });

  it.each(["nginx", "42", '"quoted"', "{not json", "", null, 3])("leaves %p alone", (value) => {
    expect(parseJsonDocument(value)).toBeUndefined();
  });
});

describe("joinPath", () => {
  it("names keys and indexes as a reviewer writes them", () => {
    expect(joinPath("", "container_definitions")).toBe("container_definitions");
    expect(joinPath("container_definitions", 0)).toBe("container_definitions[0]");
    expect(joinPath("container_definitions[0]", "image")).toBe("container_definitions[0].image");
    expect(joinPath("logConfiguration.options", "awslogs-group")).toBe("logConfiguration.options.awslogs-group");
    expect(joinPath("tags", "Name tag")).toBe('tags["Name tag"]');
  });
});
