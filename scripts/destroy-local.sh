#!/usr/bin/env bash
# `npm run destroy:local`: destroys what deploy:local created, then stops the endpoint.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [ ! -f .local/emulator.url ] || ! kill -0 "$(cat .local/emulator.pid 2>/dev/null)" 2>/dev/null; then
  echo "no local emulator is running: nothing to destroy"
  rm -f .local/terraform.*.emulator.tfstate .local/terraform.*.emulator.tfstate.backup
  exit 0
fi

export AWS_ENDPOINT_URL=$(cat .local/emulator.url) AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=ap-northeast-1
scripts/with-terraform.sh npx cdktf destroy --output .local/cdktf.out --auto-approve --skip-provider-lock
scripts/emulator/stop.sh
rm -f .local/terraform.*.emulator.tfstate .local/terraform.*.emulator.tfstate.backup .local/outputs.json
echo "destroyed, and the local endpoint is stopped"
