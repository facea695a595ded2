#!/usr/bin/env bash
# Prints the stack a command line names: a stack name (ecs-fargate-prod) or an environment
# (prod), looked up in the synthesized app's manifest. Fails with the list of stacks.
#   scripts/stack-name.sh <cdktf output folder> <stack or environment>
set -euo pipefail
node -e '
  const [manifest, wanted] = process.argv.slice(1);
  const stacks = Object.keys(require(require("path").resolve(manifest)).stacks);
  const found = stacks.find((s) => s === wanted) ?? stacks.find((s) => s.endsWith(`-${wanted}`));
  if (!found) {
    console.error(`no stack or environment "${wanted}": choose one of ${stacks.join(", ")}`);
    process.exit(2);
  }
  console.log(found);
' "$1/manifest.json" "$2"
