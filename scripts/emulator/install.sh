#!/usr/bin/env bash
# Installs the pinned moto server (requirements.txt) into the project's .venv, once.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
exec "$root/scripts/venv-install.sh" "$root/.venv" "$root/scripts/emulator/requirements.txt" "the local AWS emulator (moto)"
