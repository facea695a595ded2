#!/usr/bin/env bash
# Runs a command with Terraform set up for this project, e.g.
#   scripts/with-terraform.sh cdktf deploy
#
# TF_PROVIDER_MIRROR chooses where providers come from:
#   a folder   install providers only from that filesystem mirror (offline machines, CI);
#              it holds registry.terraform.io/hashicorp/aws/<version>/<os_arch>/...
#   unset      the folder /opt/tf-plugins when it holds such a mirror, else the registry
#   none       the Terraform registry, as usual (a laptop)
# With a mirror, the CLI configuration is written to .local/terraform.tfrc and
# TF_CLI_CONFIG_FILE points at it (the mirror's providers are linked, not copied);
# without one, the user's own configuration stays and TF_PLUGIN_CACHE_DIR defaults
# to .local/plugin-cache, so the provider is downloaded once.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

export CHECKPOINT_DISABLE=1 # no version check calls to HashiCorp
# Terraform and the AWS provider are Go programs, and the provider builds the schemas of ~1,500
# resource types at every start (several starts per command): a garbage collector that lets the heap
# grow to 5x the live data before collecting (GOGC=400, Go's default is 100) spends about a quarter less
# CPU on a command for ~150 MB more memory per process (README, "Speed"). A GOGC of your own is kept.
export GOGC="${GOGC:-400}"
mirror=${TF_PROVIDER_MIRROR-}
if [ -z "$mirror" ] && [ -d /opt/tf-plugins/registry.terraform.io ]; then
  mirror=/opt/tf-plugins
fi

if [ -n "$mirror" ] && [ "$mirror" != none ]; then
  if [ ! -d "$mirror/registry.terraform.io" ]; then
    echo "TF_PROVIDER_MIRROR: $mirror must be a provider mirror folder holding registry.terraform.io/, or 'none'" >&2
    exit 2
  fi
  mkdir -p "$root/.local"
  config="$root/.local/terraform.tfrc"
  cat >"$config" <<TFRC
# Written by scripts/with-terraform.sh: providers from the mirror only.
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
TFRC
  export TF_CLI_CONFIG_FILE="$config"
  export TF_PROVIDER_MIRROR="$mirror"
else
  # From the registry: download each provider once for every working directory.
  export TF_PLUGIN_CACHE_DIR="${TF_PLUGIN_CACHE_DIR:-$root/.local/plugin-cache}"
  mkdir -p "$TF_PLUGIN_CACHE_DIR"
fi

exec "$@"
