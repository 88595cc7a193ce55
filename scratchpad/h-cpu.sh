#!/usr/bin/env bash
# h-cpu.sh SERVER CONNS PIPELINE [DUR]  -> server CPU µs per echoed line
# SERVER: ours | node-net
set -u
REPO=/work/main; LG=/work/shared/bench/bin/loadgen
srv=$1; c=$2; P=$3; D=${4:-3}
port=$((10000 + RANDOM % 10000))
case $srv in
  ours) cmd="node --expose-gc ${NODEFLAGS:-} $REPO/bench/.build/echo-server.mjs $port" ;;
  base) cmd="node --expose-gc /tmp/hbase/echo-base.mjs $port" ;;
  node-net) cmd="node --expose-gc ${NODEFLAGS:-} /work/shared/bench/node/node-net.mjs $port" ;;
  *.mjs) cmd="node --expose-gc ${NODEFLAGS:-} $srv $port" ;;
esac
taskset -c 0 $cmd > /tmp/h-srv.$port.out 2>&1 &
pid=$!
for i in $(seq 1 100); do grep -q listen /tmp/h-srv.$port.out 2>/dev/null && break; sleep 0.05; done
$LG -q -m echo -p $port -c $c -d 1 -w 0 -P $P >/dev/null
cpu() { awk "{print \$14+\$15}" /proc/$pid/stat; }; ut() { awk "{print \$14}" /proc/$pid/stat; }
a=$(cpu); ua=$(ut)
line=$(taskset -c 1 $LG -q -m echo -p $port -c $c -d $D -w 0 -P $P)
b=$(cpu); ub=$(ut)
kill $pid; wait $pid 2>/dev/null
reqs=$(echo "$line" | tr ' ' '\n' | awk -F= '$1=="reqs_total"{print $2}')
rps=$(echo "$line" | tr ' ' '\n' | awk -F= '$1=="rps"{print $2}')
err=$(echo "$line" | tr ' ' '\n' | awk -F= '$1=="errors"{print $2}')
tck=$(getconf CLK_TCK)
awk -v a=$a -v b=$b -v r=$reqs -v t=$tck -v s=$srv -v c=$c -v P=$P -v rps=$rps -v e=$err -v ua=$ua -v ub=$ub 'BEGIN{printf "%s c=%d P=%d reqs=%d rps=%d err=%s cpu_s=%.2f us_per_req=%.3f user=%.3f sys=%.3f\n", s,c,P,r,rps,e,(b-a)/t,(b-a)/t*1e6/r,(ub-ua)/t*1e6/r,((b-a)-(ub-ua))/t*1e6/r}'
