# Shared by scripts/demo and scripts/test: make .venv with Python 3.11+ and install panelbook.
# Usage: . scripts/_venv.sh "<pip extras, e.g. [test]>"
set -euo pipefail

find_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "panelbook needs Python 3.11 or newer; install it (Debian: apt-get install python3) and run this again." >&2
  return 1
}

ensure_venv() {
  local python
  python=$(find_python)
  if [ ! -x .venv/bin/python ]; then
    if ! "$python" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      # Debian ships venv support separately from the interpreter.
      if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Debian's venv support for $python ..."
        version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python${version}-venv" python3-venv >/dev/null
        "$python" -m venv .venv
      else
        echo "Python cannot create a virtual environment here; install python3-venv (sudo apt-get install python3-venv) and run this again." >&2
        return 1
      fi
    fi
  fi
  local stamp=.venv/.installed$1
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "Installing panelbook$1 into .venv ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip setuptools
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$1"
    touch "$stamp"
  fi
}

# The browser packages the pages use (package.json: Tom Select's searchable pickers), from the npm
# registry into node_modules/, which settings.py serves as static files.
ensure_node_packages() {
  if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing Debian's npm, for the pages' browser packages ..."
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    else
      echo "The pages need npm to install their browser packages (package.json); install it (sudo apt-get install npm) and run this again." >&2
      return 1
    fi
  fi
  echo "Installing the pages' browser packages into node_modules ..."
  npm ci --omit=dev --no-audit --no-fund --loglevel=error
}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ensure_venv "${1:-}"
ensure_node_packages
