#!/usr/bin/env bash
# h-memdiag.sh N SERVERJS: memory report before/after N idle conns
set -u
port=$((20000 + RANDOM % 20000)); n=$1; srv=${2:-/work/main/scratchpad/hmicro/h-echo-diag.mjs}
node --expose-gc ${NODEFLAGS:-} $srv $port > /tmp/h-md.out 2>&1 &
pid=$!
for i in $(seq 1 100); do grep -q listen /tmp/h-md.out 2>/dev/null && break; sleep 0.05; done
sleep 0.5; kill -USR2 $pid; sleep 0.3; kill -USR1 $pid; sleep 0.3
/work/shared/bench/bin/loadgen -q -m idle -p $port -c $n -H 30 > /tmp/h-idle.out 2>&1 &
lg=$!
for i in $(seq 1 200); do grep -q ready /tmp/h-idle.out 2>/dev/null && break; sleep 0.05; done
sleep 1; kill -USR2 $pid; sleep 0.5; kill -USR1 $pid; sleep 0.3
kill $lg; wait $lg 2>/dev/null; kill $pid; wait $pid 2>/dev/null
grep MEM /tmp/h-md.out
