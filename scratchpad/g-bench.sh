#!/bin/bash
# usage: scratchpad/g-bench.sh W3 [reps] [impls] — copas / raw Effect / raw Node back-to-back, key metrics
W=$1; R=${2:-3}; IMPLS=${3:-"copas effect node"}
cd /work/main
for r in $(seq $R); do
  for i in $IMPLS; do
    case $i in
      copas) out=$(node --import tsx bench/sched/copas.ts $W | tail -1);;
      *) out=$(cd bench/.build/ref-sched && node dist/$i.js $W | tail -1);;
    esac
    echo "$(cut -d' ' -f1 /proc/loadavg) $i $(echo "$out" | node -e 'const o=JSON.parse(require("fs").readFileSync(0,"utf8"));const k=["ms","ns_per_op","late_p50_ms","late_p99_ms","fraction","rss_peak_mb","cpu_ms"];console.log(k.filter(x=>x in o).map(x=>x+"="+o[x]).join(" "))')"
  done
done
