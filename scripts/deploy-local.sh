#!/usr/bin/env bash
# `npm run deploy:local`: the whole stack deployed to a local AWS endpoint (moto),
# no AWS account needed. The endpoint keeps running, in memory, until
# `npm run destroy:local`. It synthesizes into .local/cdktf.out, apart from a real
# deploy's cdktf.out, and keeps its state in .local/terraform.ecs-fargate.emulator.tfstate.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

scripts/emulator/install.sh
url=$(scripts/emulator/start.sh)
echo "local AWS endpoint: $url"

export AWS_ENDPOINT_URL="$url" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=ap-northeast-1
scripts/with-terraform.sh npx cdktf deploy --output .local/cdktf.out --auto-approve --skip-provider-lock --outputs-file .local/outputs.json

echo
echo "Outputs (also in .local/outputs.json):"
node -e '
  const outputs = Object.values(require("./.local/outputs.json"))[0] ?? {};
  for (const [name, value] of Object.entries(outputs)) console.log(`  ${name} = ${value}`);
'
echo
echo "The emulator answers the AWS API but runs no containers. Tear down with: npm run destroy:local"
