// Mermaid's own parser for the tests, through scripts/tools/mermaid-parse.js in a child `node`
// process (one process for every diagram of a test file: mermaid takes about a second to load).
import { spawnSync } from "child_process";
import * as path from "path";

export interface ParsedDiagram {
  readonly diagramType?: string;
  readonly nodes?: { readonly id: string; readonly text: string; readonly classes: string[] }[];
  readonly edges?: { readonly from: string; readonly to: string }[];
  readonly subgraphs?: { readonly id: string; readonly title: string; readonly nodes: string[] }[];
  readonly classes?: string[];
  readonly error?: string;
}

/** Parses every diagram at once; a diagram Mermaid rejects has `error` set. */
export function parseMermaid(diagrams: readonly string[]): ParsedDiagram[] {
  const script = path.join(__dirname, "..", "..", "scripts", "tools", "mermaid-parse.js");
  const result = spawnSync(process.execPath, [script], {
    input: JSON.stringify(diagrams),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`mermaid-parse.js exited ${result.status}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as ParsedDiagram[];
}

/** The text of the first ```mermaid block of a summary. */
export function mermaidBlock(markdown: string): string {
  const match = /^(`{3,})mermaid\n([\s\S]*?)\n\1$/m.exec(markdown);
  if (!match?.[2]) throw new Error("no mermaid block in the summary");
  return match[2];
}
