import { COMMENT_BUDGET, commentLength, GITHUB_COMMENT_LIMIT, trimMiddle } from "../../plan-review/trim";

describe("commentLength", () => {
  it("counts UTF-16 code units (never fewer than GitHub's characters) and each newline twice", () => {
    expect(commentLength("abc")).toBe(3);
    expect(commentLength("a\nb\n")).toBe(6);
    expect(commentLength("🟢")).toBe(2);
  });

  it("leaves a margin under GitHub's limit", () => {
    expect(COMMENT_BUDGET).toBeLessThan(GITHUB_COMMENT_LIMIT);
  });
});

describe("trimMiddle", () => {
  const text = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join("\n");

  it("keeps a text that fits as it is", () => {
    expect(trimMiddle(text, 1_000_000)).toEqual({ text, omittedLines: 0, totalLines: 1000 });
  });

  it("cuts whole lines out of the middle, keeping the head and the tail, within the budget", () => {
    const trimmed = trimMiddle(text, 2000);
    expect(commentLength(trimmed.text)).toBeLessThanOrEqual(2000);
    const kept = trimmed.text.split("\n");
    expect(kept[0]).toBe("line 1");
    expect(kept.at(-1)).toBe("line 1000");
    expect(kept).toContain(`… ${trimmed.omittedLines.toLocaleString("en-US")} lines trimmed here …`);
    expect(kept.length - 1 + trimmed.omittedLines).toBe(1000);
    expect(trimmed.totalLines).toBe(1000);
    // About two thirds of what is kept comes from the head.
    const head = kept.indexOf(kept.find((l) => l.startsWith("…")) ?? "");
    expect(head).toBeGreaterThan((kept.length - 1) / 2);
  });
});
