#!/usr/bin/env bash
# Runs a command against the local endpoint that `npm run deploy:local` started, when the shell
# points at no AWS at all: no AWS_ENDPOINT_URL, no credentials in the environment, no profile,
# no ~/.aws files. Then `npm run deploy:local` followed by `npm run rollout -- ...` (or plan,
# releases, ...) works without `eval "$(scripts/emulator/env.sh)"`, and says so in one line.
# With any AWS configuration present it changes nothing: a command never drifts from a real
# account to the emulator, or back, behind the user's back.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pidfile="$root/.local/emulator.pid"
if [ -z "${AWS_ENDPOINT_URL:-}" ] && [ -z "${AWS_ACCESS_KEY_ID:-}" ] && [ -z "${AWS_PROFILE:-}" ] &&
  [ ! -e "${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" ] && [ ! -e "${AWS_CONFIG_FILE:-$HOME/.aws/config}" ] &&
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && [ -f "$root/.local/emulator.url" ]; then
  eval "$("$root/scripts/emulator/env.sh")"
  echo "no AWS configuration in this shell: using the local endpoint npm run deploy:local started ($AWS_ENDPOINT_URL)" >&2
fi
exec "$@"
