#!/usr/bin/env bash
# Starts the local AWS endpoint (moto, see moto_server.py) on 127.0.0.1 on a free port,
# over HTTPS with the project's own certificate (tls.py), unless one started by this
# script is still answering. Prints its URL. Its process id and URL are kept in
# .local/emulator.pid and .local/emulator.url; the certificate in .local/emulator-tls/.
# Clients trust it through AWS_CA_BUNDLE (Terraform) and NODE_EXTRA_CA_CERTS (Node.js):
# scripts/emulator/env.sh prints both with the endpoint.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state="$root/.local"
mkdir -p "$state"
python="$root/.venv/bin/python"
[ -x "$python" ] || "$root/scripts/emulator/install.sh"
cert=$("$python" "$root/scripts/emulator/tls.py" "$state/emulator-tls")

answers() {
  "$python" -c "import ssl,sys,urllib.request; urllib.request.urlopen(sys.argv[1] + '/moto-api/', timeout=2, context=ssl.create_default_context(cafile=sys.argv[2]))" "$1" "$cert" 2>/dev/null
}

if [ -f "$state/emulator.pid" ] && kill -0 "$(cat "$state/emulator.pid")" 2>/dev/null && answers "$(cat "$state/emulator.url")"; then
  cat "$state/emulator.url"
  exit 0
fi

port=$("$python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
url="https://127.0.0.1:$port"
nohup "$python" "$root/scripts/emulator/moto_server.py" -H 127.0.0.1 -p "$port" \
  -c "$cert" -k "$state/emulator-tls/key.pem" >"$state/emulator.log" 2>&1 &
echo $! >"$state/emulator.pid"
echo "$url" >"$state/emulator.url"
# A new emulator is empty: a state file left from an earlier one describes nothing real.
rm -f "$state"/terraform.*.emulator.tfstate "$state"/terraform.*.emulator.tfstate.backup

for _ in $(seq 1 60); do
  if answers "$url"; then
    echo "$url"
    exit 0
  fi
  kill -0 "$(cat "$state/emulator.pid")" 2>/dev/null || break
  sleep 0.5
done
echo "the emulator did not start; its log, .local/emulator.log:" >&2
cat "$state/emulator.log" >&2
exit 1
