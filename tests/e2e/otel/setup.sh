#!/bin/sh
# Installs the OpenTelemetry JavaScript SDK packages tests/e2e/tst_otelsdk needs, outside the source tree.
# Usage: tests/e2e/otel/setup.sh [DIR]   (default: $APPRENTICE_OTEL_DIR, else build/otel-sdk)
# The test looks in $APPRENTICE_OTEL_DIR, else in otel-sdk next to its own executable (build/tests/otel-sdk).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-${APPRENTICE_OTEL_DIR:-$here/../../../build/tests/otel-sdk}}
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "setup.sh: node and npm are needed for the OpenTelemetry SDK test; it will be skipped" >&2
    exit 0
fi
mkdir -p "$dir"
cp "$here/package.json" "$dir/package.json"
cd "$dir"
if [ -f node_modules/@opentelemetry/exporter-trace-otlp-http/package.json ] \
   && cmp -s "$here/package.json" node_modules/.apprentice-package.json; then
    exit 0
fi
npm install --no-audit --no-fund --omit=dev --loglevel=error
cp package.json node_modules/.apprentice-package.json
echo "setup.sh: OpenTelemetry SDK installed in $dir" >&2
