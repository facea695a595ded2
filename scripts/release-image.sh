#!/usr/bin/env bash
# Where the release workflow pushes the application's image: the URL of a stack's ECR repository
# (from the synthesized app and AWS), the commit checked out, and the digest already pushed for
# that commit (empty when there is none). Prints them as key=value lines; in GitHub Actions also
# writes them as the step's outputs `repository`, `commit` and `pushed`.
#   scripts/release-image.sh <stack>
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lines=$(RELEASE_COMMIT=$(git -C "$root" rev-parse HEAD) node "$root/scripts/run-app.js" "$root/release/repository.ts" "$@")
echo "$lines"
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$lines" >>"$GITHUB_OUTPUT"; fi
