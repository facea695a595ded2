#!/usr/bin/env bash
# The whole test suite: the integration tests that run the real Terraform CLI (and the local AWS
# emulator, and the pinned linters and policy scanner), and beside them the type check, lint,
# format and unit tests. Integration test files run side by side, each with an emulator of its own,
# the longest first (__tests__/setup/sequencer.js).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CHECKPOINT_DISABLE=1

# The integration tests are the long part (the Terraform CLI and its provider, most of it CPU), so they
# start first; the type check, lint, format and unit tests run beside them at a lower CPU priority,
# in the gaps the integration tests leave while the provider waits on AWS, and their output follows.
results=$(mktemp -d)
echo "== integration tests (Terraform CLI, local AWS emulator, linters, policy scan)"
scripts/emulator/install.sh
scripts/tools/install.sh
scripts/tools/browser.sh # Chromium for the comment-rendering test
(
  set -e
  renice -n 10 -p "$BASHPID" >/dev/null 2>&1 || true # what it starts from now on inherits it
  echo "== type-check"; npx tsc --noEmit
  echo "== lint"; npx eslint .
  echo "== format"; npx prettier --check --log-level warn .
  echo "== unit tests"
  npx jest --testPathIgnorePatterns integration --json --outputFile "$results/unit.json" "$@"
) >"$results/static.log" 2>&1 &
static=$!
integration=0
scripts/with-terraform.sh npx jest --testPathPattern integration --maxWorkers="${INTEGRATION_WORKERS:-4}" \
  --json --outputFile "$results/integration.json" "$@" || integration=$?
static_status=0
wait "$static" || static_status=$?
cat "$results/static.log"
if [ "$static_status" -ne 0 ] || [ "$integration" -ne 0 ]; then
  echo "the type check, lint, format or unit tests failed (exit $static_status), the integration tests (exit $integration)" >&2
  [ -f "$results/unit.json" ] && [ -f "$results/integration.json" ] || exit 1
fi

# One closing line for both runs.
node -e '
  const runs = process.argv.slice(1).map((f) => require(f));
  const sum = (key) => runs.reduce((n, r) => n + r[key], 0);
  console.log(`tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed`);
' "$results/unit.json" "$results/integration.json"
[ "$static_status" -eq 0 ] && [ "$integration" -eq 0 ]
