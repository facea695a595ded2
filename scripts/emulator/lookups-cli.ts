// `node scripts/run-app.js scripts/emulator/lookups-cli.ts <output folder> <stack>...`: what
// deploy-local.sh runs after its synth: in local mode, creates what the stacks look up (lookups.ts).
import { prepareLocalEndpoint } from "./lookups";

const [out = "", ...stacks] = process.argv.slice(3);
prepareLocalEndpoint(out, stacks).then(
  (lines) => {
    for (const line of lines) process.stdout.write(`${line}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
