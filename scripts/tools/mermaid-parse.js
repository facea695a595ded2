#!/usr/bin/env node
// Parses Mermaid diagrams with Mermaid's own parser, in plain Node.js: mermaid is ESM-only and
// needs a DOM (jsdom), which jest's CommonJS transform cannot load, so the tests run this in a
// child process (__tests__/plan-review/mermaid.ts), one for every diagram of a test file.
// Reads a JSON array of diagram texts on stdin; writes a JSON array of results, one per diagram:
// the diagram type and the graph Mermaid read (nodes with their text and classes, edges,
// subgraphs, class names), or {"error": "<the parser's message>"}.
//   echo '["flowchart LR\n  a --> b"]' | node scripts/tools/mermaid-parse.js
"use strict";
const { JSDOM } = require("jsdom");

const entries = (mapOrObject) => (mapOrObject instanceof Map ? [...mapOrObject] : Object.entries(mapOrObject));

async function main() {
  const { window } = new JSDOM("<!doctype html><html><body></body></html>");
  globalThis.window = window;
  globalThis.document = window.document;
  const { default: mermaid } = await import("mermaid");
  mermaid.initialize({ startOnLoad: false });

  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const results = [];
  for (const text of JSON.parse(input)) {
    try {
      const { diagramType } = await mermaid.parse(text);
      const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
      results.push({
        diagramType,
        nodes: entries(db.getVertices()).map(([id, v]) => ({ id, text: v.text, classes: v.classes })),
        edges: db.getEdges().map((e) => ({ from: e.start, to: e.end })),
        subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: s.title, nodes: s.nodes })),
        classes: entries(db.getClasses()).map(([name]) => name),
      });
    } catch (error) {
      results.push({ error: String((error && error.message) || error) });
    }
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(`${(error && error.stack) || error}\n`);
  process.exit(1);
});
