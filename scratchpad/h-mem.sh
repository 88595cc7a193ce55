#!/usr/bin/env bash
# h-mem.sh SERVER N [snapshot] -> KiB per idle conn (RSS after gc) and heapUsed; optional heap snapshot
set -u
port=$((10000 + RANDOM % 20000 % 10000))
n=$2
case $1 in
  ours) cmd="node --expose-gc --heapsnapshot-signal=SIGUSR1 ${NODEFLAGS:-} /work/main/bench/.build/echo-server.mjs $port" ;;
  node-net) cmd="node --expose-gc --heapsnapshot-signal=SIGUSR1 ${NODEFLAGS:-} ${NNSERVER:-/work/shared/bench/node/node-net.mjs} $port" ;;
  base) cmd="node --expose-gc /tmp/hbase/echo-base.mjs $port" ;;
esac
cd /tmp/hsnap 2>/dev/null || { mkdir -p /tmp/hsnap; cd /tmp/hsnap; }
rm -f /tmp/hsnap/*.heapsnapshot
$cmd > /tmp/h-mem.out 2>&1 &
pid=$!
for i in $(seq 1 100); do grep -q listen /tmp/h-mem.out 2>/dev/null && break; sleep 0.05; done
sleep 0.5
rss() { awk '/VmRSS/{print $2}' /proc/$pid/status; }
kill -USR2 $pid; sleep 0.5; r0=$(rss); kill -WINCH $pid
/work/shared/bench/bin/loadgen -q -m idle -p $port -c $n -H 30 > /tmp/h-idle.out 2>&1 &
lg=$!
for i in $(seq 1 200); do grep -q ready /tmp/h-idle.out 2>/dev/null && break; sleep 0.05; done
sleep 1
kill -USR2 $pid; sleep 0.5; r1=$(rss); kill -WINCH $pid; sleep 0.2
awk -v a=$r0 -v b=$r1 -v n=$n 'BEGIN{printf "rss0=%d KiB rss1=%d KiB kib_per_conn=%.2f\n", a, b, (b-a)/n}'
if [ "${3:-}" = snap ]; then kill -USR1 $pid; sleep 4; ls -la /tmp/hsnap; fi
kill $lg; wait $lg 2>/dev/null
kill $pid; wait $pid 2>/dev/null
