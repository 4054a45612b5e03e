#!/usr/bin/env bash
# Starts JupyterLab from the project's venv, on loopback, with our extension and the tslab kernel.
# usage: lab.sh ROOT_DIR PORT TOKEN [EXTRA_FLAG...]   (the one place that knows the server flags; start.sh
# and the browser tests both use it; the tests add --LabApp.expose_app_in_browser=True to wait on the app)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
root_dir=$1 port=$2 token=$3
shift 3
as_root=()
[ "$(id -u)" -ne 0 ] || as_root=(--allow-root) # CI machines run as root
exec jupyter lab "${as_root[@]}" \
  --no-browser \
  --ip=127.0.0.1 \
  --port="$port" \
  --ServerApp.port_retries=0 \
  --IdentityProvider.token="$token" \
  --ServerApp.root_dir="$root_dir" \
  --ServerApp.disable_check_xsrf=False \
  --LabApp.news_url=None \
  --LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate \
  "$@"
