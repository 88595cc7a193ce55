#!/usr/bin/env bash
set -u
port=$((20000 + RANDOM % 20000))
case $1 in
  ours) cmd="node --expose-gc /work/main/bench/.build/echo-server.mjs $port" ;;
  node-net) cmd="node --expose-gc /work/shared/bench/node/node-net.mjs $port" ;;
esac
$cmd > /tmp/h-st.out 2>&1 &
pid=$!
for i in $(seq 1 100); do grep -q listen /tmp/h-st.out 2>/dev/null && break; sleep 0.05; done
/work/shared/bench/bin/loadgen -q -m echo -p $port -c $2 -d 1 -w 0 -P $3 > /dev/null
strace -f -c -p $pid -o /tmp/h-st.$1.txt &
sp=$!
sleep 0.3
/work/shared/bench/bin/loadgen -q -m echo -p $port -c $2 -d 2 -w 0 -P $3 | tr ' ' '\n' | grep reqs_total
kill -INT $sp; wait $sp
kill $pid; wait $pid 2>/dev/null
head -20 /tmp/h-st.$1.txt
