// `npm run recover -- <stack> [--out <synthesized output folder>]`: after an interrupted apply, finds
// what the stack created that its state does not hold (every taggable resource carries the stack's
// tag `ManagedBy = cdktf:<stack>`), maps each such orphan to the one address of the configuration it
// is, and writes Terraform import blocks for them into the stack's folder (`recover-imports.tf.json`),
// for review: the next `npm run plan` shows them as imports, and the apply brings them into the state
// instead of creating them twice. It changes nothing in AWS and nothing in the state itself. Without
// `--out` it synthesizes first, into the folder `npm run plan` uses (`.local/cdktf.out` against the
// local endpoint, else `cdktf.out`).
// Exit codes: 0 nothing to recover (the state holds every resource with the tag); 1 an error; 2 import
// blocks written for every orphan; 3 an orphan left alone (no address can be proven for it; import
// blocks are still written for the others).
import { parseArguments, recover } from "./recover";

Promise.resolve()
  .then(() => recover(parseArguments(process.argv.slice(3))))
  .then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
