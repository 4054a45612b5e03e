#!/usr/bin/env bash
# `npm test` (after setup): typecheck, lint, dependency layers, format check, then vitest's three projects: unit tests,
# every notebook executed by Jupyter through tslab, and browser tests against a real JupyterLab in
# headless Chromium. Screenshots, reports and logs land in artifacts/ (git-ignored).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
mkdir -p artifacts
started=$(date +%s)

echo "[test] typecheck"
tsc -b lib kernel extension
tsc -p tsconfig.tests.json --noEmit
tsc -p extension/tsconfig.test.json
echo "[test] eslint"
eslint --max-warnings=0 .
echo "[test] dependency layers (dependency-cruiser)"
depcruise --config .dependency-cruiser.cjs lib/src kernel/src extension/src
echo "[test] prettier --check"
prettier --check --log-level=warn .
echo "[test] vitest: unit, notebooks, ui"
status=0
vitest run --reporter=default --reporter=json --outputFile.json=artifacts/vitest.json || status=$?
# One closing line that any reader of CI logs understands.
node -e '
const r = require("./artifacts/vitest.json");

// A test file that fails to load counts as a failure too, though it ran no test.
const broken = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
const failed = r.numFailedTests + broken;
console.log(`tests: ${r.numPassedTests} passed, ${failed} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' || true
echo "[test] finished in $(($(date +%s) - started)) s"
exit "$status"
