import { PlanJson } from "../../plan-review/plan-json";
import { childMarks, scrub, sensitiveStrings, unionMarks } from "../../plan-review/sensitive";

describe("unionMarks", () => {
  it("marks a path sensitive when either side marks it", () => {
    expect(unionMarks({ value: true }, {})).toEqual({ value: true });
    expect(unionMarks({}, { tags: { token: true } })).toEqual({ tags: { token: true } });
    expect(unionMarks({ tags: { a: true } }, { tags: { b: true } })).toEqual({ tags: { a: true, b: true } });
    expect(unionMarks([false, true], [true])).toEqual([true, true]);
  });

  it("marks the whole value when either side is wholly sensitive", () => {
    expect(unionMarks(true, {})).toBe(true);
    expect(unionMarks(undefined, true)).toBe(true);
  });

  it("marks the whole value when the shapes disagree, rather than guess", () => {
    expect(unionMarks([true], { a: true })).toBe(true);
  });

  it("is undefined when neither side marks anything", () => {
    expect(unionMarks(undefined, undefined)).toBeUndefined();
    expect(unionMarks(false, false)).toBeUndefined();
  });
});

describe("childMarks", () => {
  it("gives a marked parent's mark to every child", () => {
    expect(childMarks(true, "anything")).toBe(true);
    expect(childMarks({ a: { b: true } }, "a")).toEqual({ b: true });
    expect(childMarks([false, true], 1)).toBe(true);
    expect(childMarks([false, true], "1")).toBeUndefined();
  });
});

describe("sensitiveStrings", () => {
  const plan: PlanJson = {
    resource_changes: [
      {
        address: "aws_ssm_parameter.p",
        mode: "managed",
        type: "aws_ssm_parameter",
        name: "p",
        change: {
          actions: ["update"],
          before: { value: "old-secret", tags: { owner: "me", token: "tok-1234" } },
          after: { value: "new-secret", tags: { owner: "me", token: "tok-5678" } },
          before_sensitive: { value: true, tags: { token: true } },
          after_sensitive: { value: true, tags: { token: true } },
        },
      },
    ],
    configuration: { root_module: { variables: { secret: { sensitive: true }, region: {} } } },
    variables: { secret: { value: "var-secret" }, region: { value: "ap-northeast-1" } },
  };

  it("collects every sensitive value, both sides, nested ones, and sensitive variables", () => {
    expect([...sensitiveStrings(plan)].sort()).toEqual([
      "new-secret",
      "old-secret",
      "tok-1234",
      "tok-5678",
      "var-secret",
    ]);
  });

  it("leaves out what is not sensitive", () => {
    const found = sensitiveStrings(plan);
    expect(found.has("me")).toBe(false);
    expect(found.has("ap-northeast-1")).toBe(false);
  });
});

describe("scrub", () => {
  it("replaces every copy of a secret, also escaped inside a JSON string", () => {
    const text = 'value = "s3cr\\"et" and s3cr"et again';
    expect(scrub(text, ['s3cr"et'])).toBe('value = "(sensitive)" and (sensitive) again');
  });

  it("replaces the longest secret first", () => {
    expect(scrub("ab12cd34", ["ab12", "ab12cd34"])).toBe("(sensitive)");
  });

  it("leaves secrets shorter than 4 characters to the masking: they would mangle words", () => {
    expect(scrub("the cat", ["cat"])).toBe("the cat");
  });
});
