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
/** The project files the last bundle was built from (esbuild's own list), beside it. */
const inputsFile = `${bundle}.inputs.json`;
/** What changes every bundle when it changes: the dependencies (node_modules) and this runner. */
const ALWAYS = ["package-lock.json", "scripts/run-app.js"];

/** True when the bundle is missing, or one of the files it was built from changed (or went) since. */
function stale() {
  let built;
  let inputs;
  try {
    built = fs.statSync(bundle).mtimeMs;
    inputs = JSON.parse(fs.readFileSync(inputsFile, "utf8"));
  } catch {
    return true;
  }
  for (const file of [...inputs, ...ALWAYS]) {
    try {
      if (fs.statSync(path.join(root, file)).mtimeMs > built) return true;
    } catch {
      return true; // an input was removed
    }
  }
  return false;
}

/** Writes a file whole or not at all: tests synthesize in parallel, and one may load while another builds. */
function writeAtomically(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

/** Bundles the entry; a syntax error is printed by esbuild (file, line, column, the code) and ends the run. */
function build() {
  try {
    return require("esbuild").buildSync({
      entryPoints: [entry],
      outfile: bundle,
      absWorkingDir: root,
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      // jsonc-parser's UMD build hides its requires from bundlers; its ES module build does not.
      mainFields: ["module", "main"],
      // Stack traces point at the TypeScript sources under NODE_OPTIONS=--enable-source-maps.
      sourcemap: "linked",
      logLevel: "warning",
      metafile: true,
      write: false,
    });
  } catch (error) {
    if (process.env.DEBUG_SYNTH === "1") throw error;
    // esbuild has printed each error with its position; its exception adds only a stack trace.
    process.stderr.write(`${path.relative(root, entry)} could not be bundled: fix the error above\n`);
    process.exit(1);
  }
}

if (stale()) {
  const result = build();
  // The map first, the bundle last: a bundle newer than its inputs list is a complete build.
  const outputs = [...result.outputFiles].sort((a, b) => (a.path === bundle) - (b.path === bundle));
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith("node_modules/"));
  writeAtomically(inputsFile, `${JSON.stringify(inputs)}\n`);
  for (const output of outputs) writeAtomically(output.path, output.contents);
}
// V8's code cache for the bundle (Node.js 22.1+): later runs skip compiling its 3 MB.
require("module").enableCompileCache?.(path.join(root, ".local", "compile-cache"));
// No stack trace reaches the user: an error that escapes the entry point (the app catches its
// own; this is for one in loading a settings file or a tool) is one line. DEBUG_SYNTH=1 shows the trace.
try {
  require(bundle);
} catch (error) {
  if (process.env.DEBUG_SYNTH === "1") throw error;
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n").find((line) => line.trim() !== "") ?? "unknown error";
  process.stderr.write(
    `${path.relative(root, entry)} stopped: ${firstLine.trim()} (run with DEBUG_SYNTH=1 for the stack trace)\n`,
  );
  process.exitCode = 1;
}
