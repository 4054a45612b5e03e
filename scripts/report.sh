#!/usr/bin/env bash
# `npm run report` (after setup): every notebook executed through tslab into a self-contained HTML report.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
exec node "$ROOT/scripts/report.mjs" "$@"
