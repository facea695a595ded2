#!/usr/bin/env bash
# Installs the browser that the comment-rendering test draws pull-request comments in: Debian's
# Chromium (/usr/bin/chromium, driven by playwright-core) and the colour emoji font that the
# summary's action labels need. Once per machine; a fresh CI runner gets it here, ~2 minutes.
# Needs root or passwordless sudo (a CI runner has one or the other).
set -euo pipefail
packages=(chromium fonts-noto-color-emoji)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ -x /usr/bin/chromium ] && [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "browser.sh: no apt-get here: install Chromium as /usr/bin/chromium and fonts-noto-color-emoji by hand" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    echo "browser.sh: installing ${missing[*]} needs root (or passwordless sudo)" >&2
    exit 1
  fi
fi
echo "== installing ${missing[*]} with apt-get (about 2 minutes, once)"
export DEBIAN_FRONTEND=noninteractive
# The package lists may be missing on a fresh machine or image: fetch them when the install cannot find a package.
if ! "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
  "${sudo[@]}" apt-get update
  "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi
/usr/bin/chromium --version
