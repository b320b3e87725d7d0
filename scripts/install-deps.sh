#!/usr/bin/env bash
# The Debian packages the project needs beyond Node: Jekyll (the oracle of the date and corpus tests) and its
# plugins; what code-server's install needs (libkrb5-dev, pkg-config, ripgrep, a compiler); Chromium and Neovim for
# the editor suites. Run as root (these machines) or through sudo.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
packages=(jekyll ruby-jekyll-feed ruby-jekyll-sitemap ruby-jekyll-paginate chromium neovim libkrb5-dev pkg-config ripgrep)
for tool in make g++ python3; do command -v "$tool" >/dev/null || packages+=("$tool"); done
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "Installed: ${packages[*]}"
