#!/usr/bin/env bash
# The editor suites on a fresh Debian machine (called from .ci/run after `npm ci`): the Debian packages they
# need, then Neovim as an LSP client, the packaged extension in code-server + Chromium, and the
# @vscode/test-electron suite (which says SKIPPED where desktop VS Code cannot be downloaded).
# Every suite runs even when an earlier one fails; the exit status is non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

start=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - start ))"; }

step "Debian packages for the editor suites"
set -e
bash scripts/install-deps.sh
chromium --version 2>/dev/null | head -n 1
nvim --version | head -n 1
set +e

failed=()
suite() {
  local name=$1; shift
  step "$name"
  "$@" || failed+=("$name")
}

suite "code-server 4.100.3 (installed once into .vscode-test/code-server)" node scripts/e2e/codeServer.mjs install
suite "npm run test:nvim (Neovim as the LSP client of dist/server.js)" npm run --silent test:nvim
suite "npm run test:e2e (the .vsix in code-server, driven by Chromium)" npm run --silent test:e2e
suite "npm run test:electron (desktop VS Code through @vscode/test-electron)" npm run --silent test:electron

step "done"
if (( ${#failed[@]} > 0 )); then
  printf 'editor suites failed: %s\n' "${failed[*]}"
  exit 1
fi
echo "editor suites passed"
