#!/usr/bin/env bash
# Installs the pinned tools of requirements.txt (zizmor, checkov) into the project's
# .venv-tools, once: apart from the emulator's .venv, so that neither pins the other's
# dependencies.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
exec "$root/scripts/venv-install.sh" "$root/.venv-tools" "$root/scripts/tools/requirements.txt" "the linters and the policy scanner"
