// npm run export:hcl [-- [--out <folder>] [--synth-output <folder>] [<stack>...]]
// Writes each stack (every stack of the app by default) as a plain Terraform root module
// in <folder>/<stack>/ (default: export/<stack>/): main.tf and the container definitions
// file it reads. See ./export.ts.
//   --out           where the stacks' folders go (default: export)
//   --synth-output  the output folder the stacks are deployed from, whose local state files
//                   the export keeps using (default: cdktf.out, or .local/cdktf.out when
//                   AWS_ENDPOINT_URL is set, as npm run deploy:local does)
import * as fs from "fs";
import * as path from "path";
import { exportHcl } from "./export";

/** The project root, the folder with cdktf.json: above this file, or above its bundle in .local/build. */
function projectRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "cdktf.json"))) return dir;
  }
  throw new Error(`no cdktf.json above ${__dirname}`);
}

const root = projectRoot();
const args = process.argv.slice(3);
let outDir = "export";
let synthOutDir = process.env.AWS_ENDPOINT_URL ? path.join(".local", "cdktf.out") : "cdktf.out";
const stacks: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i] ?? "";
  if (arg === "--out" || arg === "--synth-output") {
    const value = args[++i];
    if (value === undefined) {
      process.stderr.write(`${arg} needs a folder\n`);
      process.exit(2);
    }
    if (arg === "--out") outDir = value;
    else synthOutDir = value;
  } else if (arg.startsWith("-")) {
    process.stderr.write(
      `unknown option ${arg}\nusage: npm run export:hcl -- [--out <folder>] [--synth-output <folder>] [<stack>...]\n`,
    );
    process.exit(2);
  } else {
    stacks.push(arg);
  }
}

exportHcl({
  root,
  outDir: path.resolve(process.cwd(), outDir),
  synthOutDir: path.resolve(process.cwd(), synthOutDir),
  stacks,
}).then(
  (exported) => {
    for (const { stack, dir, files } of exported) {
      const shown = path.relative(process.cwd(), dir);
      process.stdout.write(`${stack}: ${shown.startsWith("..") ? dir : shown}/ (${files.join(", ")})\n`);
    }
  },
  (error: unknown) => {
    process.stderr.write(`export:hcl: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
