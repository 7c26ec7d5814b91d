#!/usr/bin/env bash
# The README's "Other editors" instructions, followed outside the repository: pack and install the server
# globally, then open the bundled example in Neovim (the 0.7-0.10 snippet) and Emacs (eglot) headless, with
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
snippet() { awk "/^$1/,/^$2/" "$REPO/README.md" | sed -n "/\`\`\`$3/,/\`\`\`/p" | sed '1d;$d'; }

echo "== metabase-lint"
metabase-lint MetaBase.xml | tail -1 || true
if command -v nvim >/dev/null; then
  echo "== $(nvim --version | head -1)"
  { snippet 'Neovim 0.7 to 0.10' 'Emacs with eglot' lua; cat "$REPO/scripts/editors/nvim-check.lua"; } > init.lua
  timeout 60 nvim --headless -u init.lua MetaBase.xml 2>&1 | tr '\r' '\n' | grep -v '^$'
fi
if command -v emacs >/dev/null; then
  echo "== $(emacs --version | head -1)"
  snippet 'Emacs with eglot' 'Sublime' elisp > init.el
  timeout 60 emacs --batch -l init.el -l "$REPO/scripts/editors/emacs-check.el" 2>&1 | grep -E '^(mode|eglot|diagnostics|first):'
fi
