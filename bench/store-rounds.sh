#!/usr/bin/env bash
# Concurrent writers through the built CLI, counted over rounds (bench/README.md, "The store under faults").
# Usage: npm run build && bash bench/store-rounds.sh
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CLI="node lib/bin/mixmodeler.js"
T=$(mktemp -d)
CONFIG="$T/model.json"
echo '{"name":"t","conversion":"revenue","touchpoints":[{"channel":"tv","metric":"spend"},{"channel":"search","metric":"spend"}]}' >"$CONFIG"
$CLI --workspace "$T/ws" sample >/dev/null
$CLI --workspace "$T/ws" model create --config "$CONFIG" >/dev/null
copy() { local w; w=$(mktemp -d); cp -r "$T/ws/." "$w/"; echo "$w"; }

ok=0
for _ in $(seq 20); do
  W=$(copy); rm -rf "$W/models"
  $CLI --workspace "$W" harmonize >/dev/null 2>&1 & $CLI --workspace "$W" harmonize >/dev/null 2>&1 & wait
  $CLI --workspace "$W" model create --config "$CONFIG" >/dev/null 2>&1 && ok=$((ok + 1)); rm -rf "$W"
done
echo "harmonize ‖ harmonize, then a train: succeeded in $ok of 20 rounds"

ok=0
for _ in $(seq 24); do
  W=$(copy)
  for _ in 1 2; do $CLI --workspace "$W" data import "$T/ws/sample/summary.csv" --as summary --name sample-media >/dev/null 2>&1 & done; wait
  [ "$(ls "$W"/datasets/sample-media/*.csv | wc -l)" = 1 ] && $CLI --workspace "$W" harmonize >/dev/null 2>&1 && ok=$((ok + 1)); rm -rf "$W"
done
echo "import ‖ import under one name: one whole dataset and harmonize ok in $ok of 24 rounds"

back=0; refused=0
for r in $(seq 7); do
  W=$(copy); id=$(ls "$W/models" | head -1)
  $CLI --workspace "$W" model train "$id" >/dev/null 2>&1 & sleep "0.$((1 + r))"
  if $CLI --workspace "$W" model delete "$id" >/dev/null 2>&1; then wait; [ -d "$W/models/$id" ] && back=$((back + 1)); else wait; refused=$((refused + 1)); fi
  rm -rf "$W"
done
echo "model delete during model train: refused $refused of 7; the model came back after \"deleted\" in $back of 7"
rm -rf "$T"
