#!/usr/bin/env bash
# One idempotent setup for `npm start` and `npm test`: fast when everything is already in place.
#   1. Debian's chromium (for the browser tests), with apt when missing
#   2. npm ci, when package-lock.json or a package.json changed
#   3. lib, kernel and extension TypeScript built to CommonJS with types (incremental)
#   4. the Python venv .venv with the pinned JupyterLab stack (requirements.txt)
#   5. the tslab kernelspec, into .venv only
#   6. the JupyterLab extension built with @jupyter/builder and installed into .venv
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
STAMPS="$ROOT/.setup-stamps"
mkdir -p "$STAMPS" "$JUPYTER_CONFIG_DIR" "$JUPYTER_DATA_DIR" "$JUPYTER_RUNTIME_DIR"
started=$(date +%s)

log() { echo "[setup] $*"; }
fingerprint() { find "$@" -type f -not -name '*.tsbuildinfo' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-32; }
fresh() { [ -f "$STAMPS/$1" ] && [ "$(cat "$STAMPS/$1")" = "$2" ]; }

node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number);console.log(a>20||(a===20&&b>=19)?1:0)')
[ "$node_ok" = 1 ] || { echo "[setup] Node >= 20.19 is needed (the extension builder); found $(node --version)" >&2; exit 1; }

# 1. Chromium for the browser tests (Debian's package; browser downloads do not work here).
if [ ! -x /usr/bin/chromium ]; then
  log "installing Debian's chromium with apt"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

# 2. npm dependencies, exactly as locked.
npm_fp=$(fingerprint package.json package-lock.json lib/package.json kernel/package.json extension/package.json)
if ! fresh npm "$npm_fp" || [ ! -d node_modules ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$npm_fp" >"$STAMPS/npm"
fi

# 3. TypeScript to CommonJS + .d.ts (tslab requires packages with top-level main/types).
log "tsc -b lib kernel extension"
tsc -b lib kernel extension

# 4. The Python side, pinned.
venv_fp=$(fingerprint requirements.txt)
if ! fresh venv "$venv_fp" || [ ! -x .venv/bin/jupyter-lab ]; then
  log "creating .venv with the pinned JupyterLab stack"
  rm -rf .venv
  python3 -m venv .venv
  # (the grep drops pip's notes about find-links folders that some machines' pip config names but lacks)
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
  echo "$venv_fp" >"$STAMPS/venv"
  rm -f "$STAMPS/kernelspec" "$STAMPS/extension"
fi

# 5. The tslab kernelspec, into the venv only, pointing at this checkout's tslab.
spec=".venv/share/jupyter/kernels/tslab/kernel.json"
if ! fresh kernelspec "$ROOT" || [ ! -f "$spec" ]; then
  log "installing the tslab kernelspec into .venv"
  tslab install --python="$ROOT/.venv/bin/python" --sys-prefix --binary="$ROOT/node_modules/.bin/tslab" >/dev/null
  echo "$ROOT" >"$STAMPS/kernelspec"
fi

# 6. The JupyterLab extension: bundle with @jupyter/builder (no Python needed), then install into .venv.
ext_fp=$(fingerprint extension/lib extension/style extension/package.json lib/dist/fs lib/dist/workspace lib/dist/insights lib/dist/mmm lib/dist/harmonize lib/dist/mta lib/schemas)
target=".venv/share/jupyter/labextensions/mixmodeler-jupyterlab"
if ! fresh extension "$ext_fp" || [ ! -f "$target/package.json" ]; then
  log "building the JupyterLab extension"
  rm -rf extension/labextension
  (cd extension && node ../node_modules/@jupyter/builder/lib/build-labextension.js \
    --core-package-file ../node_modules/@jupyterlab/core-meta/core.package.json . >/dev/null)
  rm -rf "$target.tmp" && cp -r extension/labextension "$target.tmp"
  rm -rf "$target" && mv "$target.tmp" "$target"
  echo "$ext_fp" >"$STAMPS/extension"
fi

# JupyterLab defaults for this project: no news feed or update check (this machine has no network
# beyond the package registries, and the prompt would cover the page).
mkdir -p .venv/share/jupyter/lab/settings
cp scripts/jupyter/overrides.json .venv/share/jupyter/lab/settings/overrides.json
# No debugger: tslab has none, and JupyterLab 4.6's debugger plugins still call displayModules() after
# every cell of a notebook whose kernel has no debug session, which rejects with "No active debugger
# session" (one uncaught error per cell run). Same effect as `jupyter labextension disable --sys-prefix`.
mkdir -p .venv/etc/jupyter/labconfig
cp scripts/jupyter/page_config.json .venv/etc/jupyter/labconfig/page_config.json

log "ready in $(($(date +%s) - started)) s"
