#!/usr/bin/env bash
# Create .venv with Python 3.10 and install the pinned environment, once.
# Idempotent: a stamp holding the hash of requirements.lock + pyproject.toml makes reruns instant.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP="$VENV/.bizcall-installed"

find_python() {
  local cand
  # 1. python3.10 on PATH (a pyenv shim on PATH may exist without that version selected: run it to be sure).
  if cand=$(command -v python3.10 2>/dev/null) && "$cand" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    echo "$cand"; return 0
  fi
  # 2. Any 3.10 under pyenv.
  local root="${PYENV_ROOT:-$HOME/.pyenv}"
  if command -v pyenv >/dev/null 2>&1; then root=$(pyenv root); fi
  for cand in $(ls -d "$root"/versions/3.10*/bin/python3.10 2>/dev/null | sort -V -r); do
    if "$cand" -c 'import sys' 2>/dev/null; then echo "$cand"; return 0; fi
  done
  return 1
}

if ! command -v java >/dev/null 2>&1; then
  echo "setup: no Java runtime found. KoNLPy (the Korean tokenizer) needs one." >&2
  echo "       Install it with: sudo apt-get install -y default-jre-headless   (Java 11+ works; 17 is tested)" >&2
  exit 1
fi

if [ ! -x "$VENV/bin/python" ]; then
  if ! PY=$(find_python); then
    echo "setup: Python 3.10 is required (Rasa 3.6 does not run on 3.11+) and none was found." >&2
    echo "       Looked for python3.10 on PATH and under pyenv (${PYENV_ROOT:-$HOME/.pyenv}/versions/3.10*)." >&2
    echo "       Install it, e.g.: pyenv install 3.10.13   or   sudo apt-get install python3.10 python3.10-venv" >&2
    exit 1
  fi
  echo "setup: creating $VENV with $PY"
  "$PY" -m venv "$VENV"
fi

want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  exit 0
fi

echo "setup: installing the pinned environment (requirements.lock); first time takes a few minutes"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "pip==24.0"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.lock
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
"$VENV/bin/python" -m pip check
echo "$want" > "$STAMP"
echo "setup: environment ready"
