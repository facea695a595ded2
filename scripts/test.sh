#!/usr/bin/env bash
# The whole test suite: type-check, lint, format, unit tests, then the integration tests
# that run the real Terraform CLI (and the local AWS emulator, and the pinned linters and
# policy scanner). Integration test files run side by side: each starts its own emulator,
# and most of a deploy is the AWS provider's own waiting.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CHECKPOINT_DISABLE=1

echo "== type-check"; npx tsc --noEmit
echo "== lint"; npx eslint .
echo "== format"; npx prettier --check --log-level warn .
results=$(mktemp -d)
echo "== unit tests"
npx jest --testPathIgnorePatterns integration --json --outputFile "$results/unit.json" "$@"
echo "== integration tests (Terraform CLI, local AWS emulator, linters, policy scan)"
scripts/emulator/install.sh
scripts/tools/install.sh
scripts/tools/browser.sh # Chromium for the comment-rendering test
scripts/with-terraform.sh npx jest --testPathPattern integration --maxWorkers="${INTEGRATION_WORKERS:-4}" \
  --json --outputFile "$results/integration.json" "$@"

# One closing line for both runs.
node -e '
  const runs = process.argv.slice(1).map((f) => require(f));
  const sum = (key) => runs.reduce((n, r) => n + r[key], 0);
  console.log(`tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed`);
' "$results/unit.json" "$results/integration.json"
