#!/usr/bin/env bash
# `npm start`: JupyterLab on 127.0.0.1 with the mixmodeler extension and the tslab kernel, rooted at
# notebooks/ (the worked analyses; their workspace store is notebooks/mixmodeler-workspace).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# The built-in example data, imported and harmonized once into the notebooks' workspace.
if [ ! -f "$ROOT/notebooks/mixmodeler-workspace/harmonized/manifest.json" ]; then
  node "$ROOT/lib/bin/mixmodeler.js" --workspace "$ROOT/notebooks/mixmodeler-workspace" sample
fi
port="${PORT:-8888}"
token="${JUPYTER_TOKEN:-$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(16))')}"
echo
echo "  mixmodeler JupyterLab: http://127.0.0.1:$port/lab/tree/00-quickstart.ipynb?token=$token"
echo "  (Ctrl-C stops the server)"
echo
exec bash "$ROOT/scripts/lab.sh" "$ROOT/notebooks" "$port" "$token"
