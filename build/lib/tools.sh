# shellcheck shell=bash
#
# build/lib/tools.sh - Debian tools the scripts need, installed when missing, and key generation.
#
# Sourced; defines functions only. Progress goes to stderr.
#
#   ensure_command COMMAND PACKAGE
#       Installs the Debian PACKAGE (as root, or with sudo) when COMMAND is not on the PATH.
#
#   new_ticket_signing_key
#       Prints a new EC P-256 private key in PEM (PKCS#8): a value for Tickets__SigningKey.

ensure_command() {
  command -v "$1" >/dev/null 2>&1 && return 0
  printf '==> installing %s (Debian package %s)\n' "$1" "$2" >&2
  local -a sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null 2>&1 \
    || { "${sudo[@]}" apt-get update -qq >/dev/null 2>&1 \
      && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null; }
  command -v "$1" >/dev/null 2>&1
}

new_ticket_signing_key() {
  ensure_command openssl openssl || return 1
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null
}
