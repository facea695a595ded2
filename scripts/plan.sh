#!/usr/bin/env bash
# `npm run plan`: synthesizes the stack, plans it with Terraform and writes a
# Markdown summary for the pull request to .local/plan.md (and to the CI job
# summary when $GITHUB_STEP_SUMMARY is set). The full plan stays in
# cdktf.out/stacks/ecs-fargate/plan.tfplan for `terraform show`.
# Uses the same environment as deploy: AWS credentials, or AWS_ENDPOINT_URL for the emulator.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
stack=ecs-fargate
# The emulator gets its own output folder, as with deploy:local: its backend differs.
if [ -n "${AWS_ENDPOINT_URL:-}" ]; then out=.local/cdktf.out; else out=cdktf.out; fi

scripts/with-terraform.sh npx cdktf synth --output "$out" >/dev/null
dir="$out/stacks/$stack"
scripts/with-terraform.sh terraform -chdir="$dir" init -input=false -no-color >/dev/null
scripts/with-terraform.sh terraform -chdir="$dir" plan -input=false -no-color -out=plan.tfplan >/dev/null
scripts/with-terraform.sh terraform -chdir="$dir" show -json plan.tfplan >"$dir/plan.json"

mkdir -p .local
node scripts/run-app.js scripts/plan-summary/cli.ts "$dir/plan.json" "$stack" | tee .local/plan.md
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat .local/plan.md >>"$GITHUB_STEP_SUMMARY"; fi
