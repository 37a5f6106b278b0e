#!/usr/bin/env bash
# Side by side in one run: apprentice-cli analyze (parse, profile, detect; no raw-record storage)
# against DuckDB computing only per-tool latency avg/stddev/p50/p95/p99 over the same file.
# Usage: tests/bench/analyze_vs_duckdb.sh [FILE.jsonl]   (default: a 6 M-record demo export in /tmp)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli="$here/../../build/app/apprentice-cli"
file=${1:-/tmp/apprentice-bench-6m.jsonl}
if [ ! -f "$file" ]; then
    "$cli" simulate --executions 1500000 --scenario api_slowdown --at 1000000 --out "$file"
fi
peer=${TMPDIR:-/tmp}/apprentice-duckdb-peer
if [ ! -d "$peer/node_modules/@duckdb/node-api" ]; then
    mkdir -p "$peer"
    (cd "$peer" && npm install --silent --no-audit --no-fund @duckdb/node-api >/dev/null)
fi
cp "$here/duckdb_peer.mjs" "$peer/"
echo "file: $file ($(du -h "$file" | cut -f1), $(wc -l < "$file") lines); load: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$file" > /dev/null # both read from the page cache
for i in $(seq "${RUNS:-3}"); do
    /usr/bin/time -o "$peer/a.time" -f "%e %U" "$cli" analyze --no-db --quiet-anomalies "$file" > /dev/null
    /usr/bin/time -o "$peer/d.time" -f "%e %U" node "$peer/duckdb_peer.mjs" "$file" > /dev/null 2>&1
    a=$(cat "$peer/a.time"); d=$(cat "$peer/d.time")
    echo "run $i: apprentice analyze wall/user $a s   duckdb wall/user $d s"
done
