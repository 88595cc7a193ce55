#!/usr/bin/env bash
# h-perf.sh SERVER CONNS PIPELINE -> perf report summary
set -u
port=$((20000 + RANDOM % 20000))
case $1 in
  ours) cmd="node --expose-gc --perf-basic-prof-only-functions /work/main/bench/.build/echo-server.mjs $port" ;;
  node-net) cmd="node --expose-gc --perf-basic-prof-only-functions /work/shared/bench/node/node-net.mjs $port" ;;
esac
taskset -c 0 $cmd > /tmp/h-pf.out 2>&1 &
pid=$!
for i in $(seq 1 100); do grep -q listen /tmp/h-pf.out 2>/dev/null && break; sleep 0.05; done
/work/shared/bench/bin/loadgen -q -m echo -p $port -c $2 -d 1 -w 0 -P $3 > /dev/null
perf record -g -F 4000 -p $pid -o /tmp/h-perfg.$1.data -- sleep 3 2>/dev/null &
rp=$!
taskset -c 1 /work/shared/bench/bin/loadgen -q -m echo -p $port -c $2 -d 3 -w 0 -P $3 | tr ' ' '\n' | grep reqs_total
wait $rp
kill $pid; wait $pid 2>/dev/null
