#!/usr/bin/env bash
# Compare steppe's FSRS optimizer with the reference on a simulated log.
# Usage: cmd/fsrscompare/compare.sh [REVIEWS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/../.."
reviews=${1:-100000}
seed=${2:-1}
tmp=$(mktemp -d)
go run ./cmd/fsrsim -reviews "$reviews" -seed "$seed" -q -o "$tmp/sim.csv"
(cd cmd/fsrscompare/reference && { [ -d node_modules ] || npm ci --silent; } && node fit.mjs "$tmp/sim.csv" > "$tmp/ref.json")
go build -o "$tmp/steppe" ./cmd/steppe
start=$(date +%s%N)
STEPPE_DB="$tmp/none.db" "$tmp/steppe" optimize --from "$tmp/sim.csv" --json > "$tmp/steppe.json"
end=$(date +%s%N)
echo "reference fit: $(node -e "console.log(require('$tmp/ref.json').fit_ms.toFixed(0))") ms (the fit call alone)"
echo "steppe optimize: $(( (end - start) / 1000000 )) ms (the whole process, file reading included)"
go run ./cmd/fsrscompare "$tmp/sim.csv" reference="$tmp/ref.json" steppe="$tmp/steppe.json" defaults=defaults
rm -rf "$tmp"
