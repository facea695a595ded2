#!/usr/bin/env bash
# Installs the pinned moto server into the project's .venv (ignored by git).
# Does nothing when .venv already holds exactly requirements.txt.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
venv="$root/.venv"
requirements="$root/scripts/emulator/requirements.txt"
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$requirements" | cut -d' ' -f1)

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "installing the local AWS emulator (moto) into .venv" >&2
python3 -m venv "$venv"
# (grep drops pip's notes about index locations this machine configures but lacks)
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" 2> >(grep -v "is ignored: it is neither" >&2)
echo "$want" >"$stamp"
