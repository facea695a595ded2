#!/usr/bin/env bash
# Where the release workflow pushes the application's image: the URL of a stack's ECR repository
# (from the synthesized app and AWS) and the commit checked out. Prints both; in GitHub Actions
# also writes them as the step's outputs `repository` and `commit`.
#   scripts/release-image.sh <stack>
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repository=$(node "$root/scripts/run-app.js" "$root/release/repository.ts" "$@")
commit=$(git -C "$root" rev-parse HEAD)
printf 'repository=%s\ncommit=%s\n' "$repository" "$commit"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  printf 'repository=%s\ncommit=%s\n' "$repository" "$commit" >>"$GITHUB_OUTPUT"
fi
