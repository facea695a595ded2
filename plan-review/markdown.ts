// Markdown that GitHub renders as meant, whatever the text holds.

/** Inline code that survives backticks in the text, and pipes inside a table cell. */
export function code(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\|/g, "\\|")}${fence}`;
}

/** A table cell: one line, pipes escaped. Lines are joined with `<br>`. */
export function cell(lines: readonly string[]): string {
  return lines
    .map((line) => line.replace(/\r?\n/g, " "))
    .join("<br>")
    .replace(/(?<!\\)\|/g, "\\|");
}

/** A fenced block that no line of `text` can close early. */
export function fenced(text: string, language = ""): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/^\s*(`{3,})/gm), (m) => (m[1] ?? "").length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${text.replace(/\n$/, "")}\n${fence}`;
}

/** "1 resource", "2 resources". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : pluralForm}`;
}
