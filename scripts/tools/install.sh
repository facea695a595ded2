#!/usr/bin/env bash
# Installs the pinned linters of scripts/tools/requirements.txt into the project's
# .venv-tools (ignored by git), apart from the emulator's .venv so that neither pins
# the other's dependencies. Does nothing when .venv-tools already holds exactly
# requirements.txt. Prints nothing on success, so the test runner's output stays short.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
venv="$root/.venv-tools"
requirements="$root/scripts/tools/requirements.txt"
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$requirements" | cut -d' ' -f1)

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "installing the linters of scripts/tools/requirements.txt into .venv-tools" >&2
python3 -m venv "$venv"
# (grep drops pip's notes about index locations this machine configures but lacks)
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" 2> >(grep -v "is ignored: it is neither" >&2)
echo "$want" >"$stamp"
