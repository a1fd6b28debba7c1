#!/usr/bin/env bash
# Lays out the very same generated trees (parents and the drawing's own card sizes) with Orgchart's layout,
# d3-flextree and d3-hierarchy (under node), and Graphviz `dot -Tsvg`, and prints the medians side by side.
# Needs node and npm (the two d3 packages are installed here on first run) and Graphviz (`apt-get install
# graphviz`). Usage: benches/compare/run.sh [SIZES...]   (default: 1000 3000 10000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."

sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(1000 3000 10000); fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -d "$here/node_modules/d3-flextree" ]; then
  (cd "$here" && npm install --silent --no-audit --no-fund >/dev/null)
fi
cargo build --release --quiet --example layout_compare

# Graphviz takes minutes at 10k units: beyond 3k it runs once instead of three times.
dot_median() {
  local times=() runs=3
  if [ "$2" -gt 3000 ]; then runs=1; fi
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    dot -Tsvg "$1" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

printf '%-8s %12s %14s %15s %12s\n' units "orgchart ms" "d3-flextree ms" "d3-hierarchy ms" "dot ms"
for n in "${sizes[@]}"; do
  ours=$(target/release/examples/layout_compare "$n" "$work/$n")
  theirs=$(node "$here/compare.mjs" "$work/$n/tree.json")
  flex=$(echo "$theirs" | awk '/^flextree/ {print $2}')
  tidy=$(echo "$theirs" | awk '/^hierarchy/ {print $2}')
  if [ "$n" -gt 10000 ]; then dot_ms="(skipped)"; elif command -v dot >/dev/null 2>&1; then dot_ms=$(dot_median "$work/$n/tree.dot" "$n"); else dot_ms="(no dot)"; fi
  printf '%-8s %12s %14s %15s %12s\n' "$n" "$ours" "$flex" "$tidy" "$dot_ms"
done
