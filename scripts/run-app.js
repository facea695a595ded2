#!/usr/bin/env node
// The app command of cdktf.json: runs a TypeScript entry point (main.ts by default)
// without type-checking it. esbuild bundles the entry and everything it imports into
// .local/build/<entry>.js, once per change of the sources; later runs only load that
// one file. Type-checking is `tsc --noEmit`, its own step of `npm test`.
//   node scripts/run-app.js [entry.ts]
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const entry = path.resolve(process.argv[2] ?? path.join(root, "main.ts"));
const bundle = path.join(root, ".local", "build", `${path.relative(root, entry).replace(/[\\/]/g, "__")}.js`);
const SOURCES = ["main.ts", "config", "stacks", "constructs", "package-lock.json", "scripts/run-app.js"];

/** The newest modification time among the project's sources and the entry. */
function newestSource() {
  let newest = fs.statSync(entry).mtimeMs;
  const visit = (file) => {
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) for (const name of fs.readdirSync(file)) visit(path.join(file, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const source of SOURCES) visit(path.join(root, source));
  if (path.dirname(entry) !== root) visit(path.dirname(entry)); // the entry's own modules
  return newest;
}

let built = 0;
try {
  built = fs.statSync(bundle).mtimeMs;
} catch {
  // never built
}
if (built < newestSource()) {
  require("esbuild").buildSync({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // jsonc-parser's UMD build hides its requires from bundlers; its ES module build does not.
    mainFields: ["module", "main"],
    // Stack traces point at the TypeScript sources under NODE_OPTIONS=--enable-source-maps.
    sourcemap: "linked",
    logLevel: "warning",
  });
}
require(bundle);
