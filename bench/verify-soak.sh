#!/usr/bin/env bash
# Soak test of `npm run bench:verify` under CPU load: N consecutive rounds of the verify benchmark
# (its generated topologies, BENCH_SIZES to pick some, e.g. scale-10; BENCH_RUNS verifies each) while two busy loops keep both cores of the
# 2-core machines busy. Prints one line per round (pass/fail, wall time) and the totals; the
# output of failed rounds is kept in the log directory. Needs root and the lab's daemons, like
# bench:verify itself. Exit status: 0 when every round passed.
#
#   bash bench/verify-soak.sh [rounds (default 20)] [busy loops (default 2)]
#   BENCH_RUNS=1 bash bench/verify-soak.sh 5      # quicker rounds
set -u
rounds=${1:-20}
loops=${2:-2}
cd "$(dirname "$0")/.."
logs=$(mktemp -d "${TMPDIR:-/tmp}/ccvpn-verify-soak-XXXXXX")
busy=()
stop_load() {
  # Only the loops this script started, by pid.
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null; done
  wait "${busy[@]}" 2>/dev/null
  busy=()
}
trap 'stop_load; exit 130' INT TERM
trap stop_load EXIT
for _ in $(seq "$loops"); do
  (while :; do :; done) &
  busy+=("$!")
done
echo "verify soak: $rounds round(s) of bench:verify (BENCH_RUNS=${BENCH_RUNS:-3}), $loops busy loop(s) (pids ${busy[*]}), $(nproc) CPU(s); logs in $logs"
pass=0
fail=0
times=()
for i in $(seq "$rounds"); do
  start=$(date +%s.%N)
  node -r @swc-node/register bench/verify.bench.ts >"$logs/round-$i.log" 2>&1
  code=$?
  secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
  times+=("$secs")
  if [ "$code" -eq 0 ] && ! grep -q 'skipped' "$logs/round-$i.log"; then
    pass=$((pass + 1))
    printf 'round %2d: pass  %6.1f s  %s\n' "$i" "$secs" "$(grep -E '^scale-' "$logs/round-$i.log" | awk -F'  +' '{printf "%s ", $3}')"
    rm -f "$logs/round-$i.log"
  else
    fail=$((fail + 1))
    printf 'round %2d: FAIL  %6.1f s  %s\n' "$i" "$secs" "$(grep -m1 -E 'verify failed|skipped|Error' "$logs/round-$i.log")"
    grep -E '^t[0-9]+ ' "$logs/round-$i.log" | sed 's/^/          /'
  fi
done
stop_load
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "verify soak: $pass/$rounds passed, $fail failed; wall time per round median ${median} s, min $(echo "$sorted" | head -1) s, max $(echo "$sorted" | tail -1) s"
[ "$fail" -eq 0 ]
