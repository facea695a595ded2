#!/usr/bin/env bash
# Prints the environment that points AWS clients at the running local emulator, for
# `eval "$(scripts/emulator/env.sh)"`: the endpoint, test credentials, the region, and
# the emulator's certificate for Terraform (AWS_CA_BUNDLE) and Node.js (NODE_EXTRA_CA_CERTS).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
url=$(cat "$root/.local/emulator.url")
cert="$root/.local/emulator-tls/cert.pem"
cat <<ENV
export AWS_ENDPOINT_URL=$url AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=ap-northeast-1
export AWS_CA_BUNDLE=$cert NODE_EXTRA_CA_CERTS=$cert
ENV
