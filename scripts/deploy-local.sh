#!/usr/bin/env bash
# `npm run deploy:local [-- <stack or environment>]`: one stack (the dev stack, the note's,
# by default) deployed to a local AWS endpoint (moto), no AWS account needed. The endpoint
# keeps running, in memory, until `npm run destroy:local`. It synthesizes into
# .local/cdktf.out, apart from a real deploy's cdktf.out, and keeps the state in
# .local/terraform.<stack>.emulator.tfstate, or, with TF_STATE_BUCKET set, in that bucket
# of the emulator's S3 (created by bootstrap:state first).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

scripts/emulator/install.sh
url=$(scripts/emulator/start.sh)
echo "local AWS endpoint: $url"

eval "$(scripts/emulator/env.sh)"
scripts/with-terraform.sh npx cdktf synth --output .local/cdktf.out >/dev/null
stack=$(scripts/stack-name.sh .local/cdktf.out "${1:-dev}")
# What the stack looks up and a real account already has (prod's hosted zone), created on the emulator.
node scripts/run-app.js scripts/emulator/lookups-cli.ts .local/cdktf.out "$stack"
if [ -n "${TF_STATE_BUCKET:-}" ]; then npm run -s bootstrap:state -- "$TF_STATE_BUCKET"; fi
if ! scripts/with-terraform.sh npx cdktf deploy "$stack" --output .local/cdktf.out --auto-approve --skip-provider-lock \
  --outputs-file .local/outputs.json; then
  echo "the deploy failed. If an earlier one was interrupted, find what it created that the state lacks with:" >&2
  echo "  eval \"\$(scripts/emulator/env.sh)\" && npm run recover -- $stack" >&2
  exit 1
fi

echo
echo "Outputs of $stack (also in .local/outputs.json):"
node -e '
  const outputs = require("./.local/outputs.json")[process.argv[1]] ?? {};
  for (const [name, value] of Object.entries(outputs)) console.log(`  ${name} = ${value}`);
' "$stack"
echo
echo "The emulator answers the AWS API but runs no containers. Tear down with: npm run destroy:local -- $stack"
