#!/usr/bin/env bash
# The README's "Other editors" instructions, followed outside the repository: pack and install the server
# globally, then open the bundled example in Neovim (the snippet for the installed version) and Emacs (eglot) headless, with
# the snippets taken from README.md itself. Needs nvim and emacs (+ eglot); installs the package globally
# and removes it at the end.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'npm uninstall -g iis-metabase >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

cd "$REPO" && npm run build >/dev/null && npm pack --pack-destination "$WORK" >/dev/null
npm install -g "$WORK"/iis-metabase-*.tgz --no-audit --no-fund >/dev/null
cp "$REPO/examples/MetaBase.xml" "$WORK/"
cd "$WORK"
# The first fenced block after the README line that starts with $1.
block() { awk -v h="$1" 'index($0, h) == 1 { f = 1 } f && /^```/ { if (n++) exit; next } f && n' "$REPO/README.md"; }

echo "== metabase-lint"
metabase-lint MetaBase.xml | tail -1 || true
if command -v nvim >/dev/null; then
  version="$(nvim --version | head -1)"
  echo "== $version"
  case "$version" in
    "NVIM v0.7."*) server='on Neovim 0.7' ;;
    "NVIM v0.8."* | "NVIM v0.9."* | "NVIM v0.10."*) server='on Neovim 0.8 to 0.10' ;;
    *) server='then the server, on Neovim 0.11' ;;
  esac
  { block 'Neovim: the file type'; block "$server"; cat "$REPO/scripts/editors/nvim-check.lua"; } > init.lua
  timeout 60 nvim --headless -u init.lua MetaBase.xml 2>&1 | tr '\r' '\n' | grep -v '^$'
fi
if command -v emacs >/dev/null; then
  echo "== $(emacs --version | head -1)"
  block 'Emacs with eglot' > init.el
  timeout 60 emacs --batch -l init.el -l "$REPO/scripts/editors/emacs-check.el" 2>&1 | grep -E '^(mode|eglot|diagnostics|first)'
fi
