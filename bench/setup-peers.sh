#!/usr/bin/env bash
# The peers' Python environments for `npm run bench`, each pinned (bench/peers/requirements-*.txt):
#   bench/.venv-pymc      PyMC-Marketing (~1 GB)
#   bench/.venv-meridian  Google Meridian with TensorFlow on the CPU (~3 GB)
# Idempotent: a venv is (re)built only when its requirements file changed. Usage: bash bench/setup-peers.sh [pymc|meridian]...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
peers=("$@")
[ ${#peers[@]} -gt 0 ] || peers=(pymc meridian)
for p in "${peers[@]}"; do
  req="peers/requirements-$p.txt"
  [ -f "$req" ] || { echo "[bench] unknown peer $p: no bench/$req" >&2; exit 1; }
  venv=".venv-$p"
  stamp="$venv/.requirements.sha256"
  sum=$(sha256sum "$req" | cut -c1-64)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then continue; fi
  echo "[bench] creating bench/$venv from $req"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
  echo "$sum" >"$stamp"
done
