#!/usr/bin/env bash
# Install everything the tests need, then run them: the Python test extras, the npm tools
# (axe-core, html-validate, lighthouse, pinned in package-lock.json), and Debian's chromium
# and nodejs/npm when missing. Where the system Python is externally managed (PEP 668, as on
# Debian and Ubuntu) and no virtual environment is active, it makes and uses .venv/.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
externally_managed() {
  python3 - <<'PY'
import os, sys, sysconfig
in_venv = sys.prefix != sys.base_prefix
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
sys.exit(0 if os.path.exists(marker) and not in_venv else 1)
PY
}

if externally_managed; then
  if [ ! -x .venv/bin/python ]; then
    python3 -c "import ensurepip" 2>/dev/null || apt_install python3-venv
    python3 -m venv .venv
  fi
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python3 -m pip install -q -e '.[test]'
command -v chromium >/dev/null 2>&1 || apt_install chromium
command -v npm >/dev/null 2>&1 || apt_install nodejs npm
npm ci --no-audit --no-fund --loglevel=error
python3 -m ruff check generator tests benchmarks scripts
lint-imports --no-cache
python3 -m pytest -q "$@"
