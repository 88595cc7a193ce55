#!/usr/bin/env bash
# bench/echo/run.sh - the echo benchmark: examples/echo-server.ts next to raw Node (node-net) and
# Effect's own socket server (effect-run), with the shared reference harness ../shared/bench/run.sh.
#
# usage: npm run bench:echo [-- [--quick] [--tsx] [SERVER...]]
#   SERVER   reference servers to run next to effect-copas (default: node-net effect-run
#            copas-luajit; copas-luajit is skipped by the harness when Lua/Copas are not installed)
#   --quick  a smoke test: the main phase only, with the harness's --quick settings
#   --tsx    run the example through tsx (node --import tsx) instead of the esbuild bundle
# Three phases, each a run of the harness (every server gets its own process per measurement):
#   main      1 16 256 1000 connections, 64-byte lines, closed loop; connect rate; memory at 5,000 idle
#   pipeline  16 lines in flight per connection, at 16 and 256 connections
#   idle10k   memory at 10,000 idle connections, each echoed once (zero errors and drops required),
#             and an echo run with 10,000 concurrent connections
# Results: bench/results/echo-<date>/{main,pipeline,idle10k}/summary.md and summary.md here (ratios
# to node-net, effect-run and copas-luajit, and the targets).
# environment: passed through to the harness (DURATION, WARMUP, QUIET_WAIT, PIN, BASE_PORT ...);
#   QUIET_WAIT defaults to 20 here (seconds to wait for an idle machine before each server).
#   REPEAT=n runs the phases n times (folders r1..rn); the summary takes each server's best run.
#   ECHO_NODE_FLAGS: extra node flags for effect-copas only (e.g. --max-semi-space-size=1).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HARNESS="$REPO/../shared/bench/run.sh"
if [ ! -x "$HARNESS" ] && [ ! -f "$HARNESS" ]; then
  echo "bench:echo needs the reference harness at ../shared/bench/run.sh (relative to the repository: $HARNESS)." >&2
  echo "It is the shared TCP line-echo benchmark (loadgen.c, node-net, effect-run); check it out next to this repository." >&2
  exit 2
fi

QUICK=0; TSX=0; REFS=()
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    --tsx) TSX=1 ;;
    -h|--help) sed -n 2,20p "$0"; exit 0 ;;
    -*) echo "unknown option $a" >&2; exit 2 ;;
    *) REFS+=("$a") ;;
  esac
done
[ ${#REFS[@]} -eq 0 ] && REFS=(node-net effect-run copas-luajit)

# tsx at run time costs ~60 MiB of RSS and ~0.3 s of start-up (esbuild, a loader thread), which
# changes V8's heap sizing; the benchmark runs the example bundled by esbuild on plain node.
if [ $TSX = 1 ]; then
  SERVER_CMD="node --expose-gc ${ECHO_NODE_FLAGS:-} --import tsx $REPO/examples/echo-server.ts {port}"
else
  mkdir -p "$REPO/bench/.build"
  "$REPO/node_modules/.bin/esbuild" "$REPO/examples/echo-server.ts" --bundle --platform=node --format=esm \
    --target=node20 --outfile="$REPO/bench/.build/echo-server.mjs" --log-level=warning
  SERVER_CMD="node --expose-gc ${ECHO_NODE_FLAGS:-} $REPO/bench/.build/echo-server.mjs {port}"
fi

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" -lt 10300 ] && [ $QUICK = 0 ]; then
  echo "warning: fd limit $(ulimit -n) < 10300: the 10,000-connection phase will be cut down by the harness" >&2
fi

export QUIET_WAIT=${QUIET_WAIT:-20}
RESULTS="$REPO/bench/results/echo-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$RESULTS"
ADD="effect-copas=$SERVER_CMD"

REPEAT=${REPEAT:-1}
RUN_DIR="$RESULTS"
phase() {  # name, then env assignments, then harness args
  local name=$1; shift
  echo "== phase $name" >&2
  env OUT="$RUN_DIR/$name" "$@" bash "$HARNESS" --add "$ADD" "${REFS[@]}" > /dev/null
}

for r in $(seq 1 "$REPEAT"); do
  [ "$REPEAT" -gt 1 ] && RUN_DIR="$RESULTS/r$r" && echo "== run $r of $REPEAT" >&2
  if [ $QUICK = 1 ]; then
    phase main DURATION=2 WARMUP=0.5 CONCS="16 256" IDLE_N=1000
  else
    phase main CONCS="16 256 1000"
    phase pipeline PIPELINE=16 CONCS="16 256" IDLE_N=1000 CONNECT_C=0
    phase idle10k IDLE_N=10000 CONCS="10000" CONNECT_C=0 DURATION=3
  fi
done

node "$REPO/bench/echo/report.mjs" "$RESULTS" | tee "$RESULTS/summary.md"
echo "results in $RESULTS" >&2
