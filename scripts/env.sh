# Sourced by the scripts: the project's own Jupyter environment, isolated from the user's ~/.jupyter,
# so the tslab kernelspec and our extension in .venv are the ones JupyterLab uses.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export PATH="$ROOT/.venv/bin:$ROOT/node_modules/.bin:$PATH"
export JUPYTER_CONFIG_DIR="$ROOT/.jupyter/config"
export JUPYTER_DATA_DIR="$ROOT/.jupyter/data"
export JUPYTER_RUNTIME_DIR="$ROOT/.jupyter/runtime"
export JUPYTER_PLATFORM_DIRS=1
export JUPYTERLAB_SETTINGS_DIR="${JUPYTERLAB_SETTINGS_DIR:-$ROOT/.jupyter/lab/user-settings}"
export JUPYTERLAB_WORKSPACES_DIR="${JUPYTERLAB_WORKSPACES_DIR:-$ROOT/.jupyter/lab/workspaces}"
export PYDEVD_DISABLE_FILE_VALIDATION=1
