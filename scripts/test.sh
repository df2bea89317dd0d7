#!/usr/bin/env bash
# Install everything the tests need, then run them: the Python test extras, the npm tools
# (axe-core, html-validate, lighthouse, pinned in package-lock.json), and Debian's chromium
# and nodejs/npm when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

python3 -m pip install -q -e '.[test]'
command -v chromium >/dev/null 2>&1 || apt_install chromium
command -v npm >/dev/null 2>&1 || apt_install nodejs npm
npm ci --no-audit --no-fund --loglevel=error
python3 -m ruff check generator tests benchmarks scripts
lint-imports --no-cache
python3 -m pytest -q "$@"
