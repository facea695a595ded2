#!/usr/bin/env bash
# `npm run destroy:local [-- <stack or environment>]`: destroys what deploy:local created
# for that stack (the dev stack by default), then stops the endpoint unless another
# stack still has resources on it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [ ! -f .local/emulator.url ] || ! kill -0 "$(cat .local/emulator.pid 2>/dev/null)" 2>/dev/null; then
  echo "no local emulator is running: nothing to destroy"
  rm -f .local/terraform.*.emulator.tfstate .local/terraform.*.emulator.tfstate.backup
  exit 0
fi

eval "$(scripts/emulator/env.sh)"
scripts/with-terraform.sh npx cdktf synth --output .local/cdktf.out >/dev/null
stack=$(scripts/stack-name.sh .local/cdktf.out "${1:-dev}")
scripts/with-terraform.sh npx cdktf destroy "$stack" --output .local/cdktf.out --auto-approve --skip-provider-lock
rm -f ".local/terraform.$stack.emulator.tfstate" ".local/terraform.$stack.emulator.tfstate.backup"

# Another stack's local state with resources in it keeps the endpoint up.
for other in .local/terraform.*.emulator.tfstate; do
  [ -f "$other" ] || continue
  if node -e 'process.exit((require(require("path").resolve(process.argv[1])).resources ?? []).length ? 0 : 1)' "$other"; then
    echo "destroyed $stack; the local endpoint keeps running for $(basename "$other" .emulator.tfstate | sed 's/^terraform\.//')"
    exit 0
  fi
done
scripts/emulator/stop.sh
rm -f .local/outputs.json
echo "destroyed $stack, and the local endpoint is stopped"
