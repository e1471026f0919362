#!/usr/bin/env bash
# Issue #13's proof that the suite never flakes: the full test command RUNS times in a row (default 5) from a clean
# clone of this repository's HEAD, with stress-ng keeping every core busy throughout. Prints one line per run and ends
# with the number of runs that failed; exit 1 if any did. Takes 15-20 minutes a run on 2 cores.
#   infra/scripts/stress-suite.sh [RUNS] [WORKDIR]
set -u
cd "$(dirname "$0")/../.."
runs=${1:-5}
work=${2:-$(mktemp -d /tmp/resultslive-stress-XXXXXX)}
command -v stress-ng > /dev/null || { echo "stress-ng is not installed (apt-get install stress-ng)" >&2; exit 2; }
rm -rf "$work/clone" && git clone -q "$(pwd)" "$work/clone" || exit 2
cd "$work/clone"
echo "commit $(git rev-parse --short HEAD), results in $work"
stress-ng --cpu "$(nproc)" --cpu-load 100 --timeout 6h > "$work/stress-ng.log" 2>&1 &
stress=$!
trap 'kill "$stress" 2> /dev/null' EXIT
failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  TEST_RESULTS="$work/trx$i" infra/scripts/test.sh > "$work/run$i.log" 2>&1
  rc=$?
  [ "$rc" -ne 0 ] && failed=$((failed + 1))
  echo "run $i: exit $rc, $(tail -1 "$work/run$i.log"), $(($(date +%s) - start)) s, load at end $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "$failed of $runs runs failed"
[ "$failed" -eq 0 ]
