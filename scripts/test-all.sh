#!/usr/bin/env bash
# Installs what the tests need on a fresh machine, then runs every test (the README's test command).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CHROMIUM_PATH:-}" ] && ! [ -x /usr/bin/chromium ]; then
  echo "== installing Chromium from Debian (no browser can be downloaded otherwise)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if ! /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null; then
  echo "== installing PyTorch from Debian (python3-torch) for the PyTorch twin's tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-torch python3-numpy >/dev/null
fi

echo "== npm ci"
npm ci --no-audit --no-fund

echo "== npm test (typecheck, lint, unit, build, end-to-end)"
npm test
