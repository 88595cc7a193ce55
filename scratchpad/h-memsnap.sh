#!/usr/bin/env bash
# h-memsnap.sh N : heap snapshots of ours at 0 and N idle conns -> /tmp/hsnap/{s0,s1}.heapsnapshot
set -u
port=$((10000 + RANDOM % 20000 % 10000)); n=$1
D=${SNAPDIR:-/tmp/hsnap}; mkdir -p $D; cd $D; rm -f *.heapsnapshot
node --expose-gc --heapsnapshot-signal=SIGUSR1 ${NODEFLAGS:-} ${SERVER:-/work/main/bench/.build/echo-server.mjs} $port > /tmp/h-mem.out 2>&1 &
pid=$!
for i in $(seq 1 100); do grep -q listen /tmp/h-mem.out 2>/dev/null && break; sleep 0.05; done
# warm the code paths with a few connections first
/work/shared/bench/bin/loadgen -q -m echo -p $port -c 4 -d 0.5 -w 0 >/dev/null
sleep 0.3; kill -USR1 $pid; sleep 3; mv $(ls -t *.heapsnapshot | head -1) s0.heapsnapshot
/work/shared/bench/bin/loadgen -q -m idle -p $port -c $n -H 30 > /tmp/h-idle.out 2>&1 &
lg=$!
for i in $(seq 1 200); do grep -q ready /tmp/h-idle.out 2>/dev/null && break; sleep 0.05; done
sleep 1; kill -USR1 $pid; sleep 4; mv $(ls -t Heap*.heapsnapshot | head -1) s1.heapsnapshot
kill $lg; wait $lg 2>/dev/null; kill $pid; wait $pid 2>/dev/null
