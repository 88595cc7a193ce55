#!/usr/bin/env bash
# k-cmp3.sh CONNS PIPE ROUNDS : alternate base/ours/node-net; medians of CPU µs per line
c=$1; P=$2; R=${3:-3}
out=/tmp/k-cmp.$$; : > $out
for i in $(seq 1 $R); do for s in base ours node-net; do /work/main/scratchpad/h-cpu.sh $s $c $P 3 >> $out; done; done
for s in base ours node-net; do
  grep "^$s " $out | sed 's/.*us_per_req=\([0-9.]*\) user=\([0-9.]*\) sys=\([0-9.]*\)/\1 \2 \3/' | sort -n | awk -v s=$s '{a[NR]=$1; u[NR]=$2; y[NR]=$3} END {m=int((NR+1)/2); printf "MEDIAN %-8s c='$c' P='$P' us_per_line=%.3f (min %.3f) user=%.3f sys=%.3f\n", s, a[m], a[1], u[m], y[m]}'
done
