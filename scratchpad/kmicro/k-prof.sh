#!/usr/bin/env bash
# h-prof.sh NAME CONNS PIPELINE -> hprof/NAME.cpuprofile
set -u
port=$((20000 + RANDOM % 20000))
dir=/work/main/scratchpad/hprof
taskset -c 0 node --expose-gc --cpu-prof --cpu-prof-dir=$dir --cpu-prof-name=$1.cpuprofile ${SRV:-/work/main/bench/.build/echo-server.mjs} $port > /tmp/h-prof.out 2>&1 &
pid=$!
for i in $(seq 1 100); do grep -q listen /tmp/h-prof.out 2>/dev/null && break; sleep 0.05; done
taskset -c 1 /work/shared/bench/bin/loadgen -q -m echo -p $port -c $2 -d 4 -w 1 -P $3
kill -INT $pid; wait $pid
