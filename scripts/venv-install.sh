#!/usr/bin/env bash
# Installs a pinned requirements file into a virtual environment of the project (ignored
# by git), once: does nothing when the venv already holds exactly that file (a hash stamp).
#   scripts/venv-install.sh <venv folder> <requirements file> <what, for the one line it prints>
set -euo pipefail
venv=$1
requirements=$2
what=$3
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$requirements" | cut -d' ' -f1)

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "installing $what into $(basename "$venv")" >&2
python3 -m venv "$venv"
# (grep drops pip's notes about index locations this machine configures but lacks)
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" 2> >(grep -v "is ignored: it is neither" >&2)
echo "$want" >"$stamp"
