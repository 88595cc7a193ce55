cd /work/main
busy() { pgrep -f "h-cpu|node-net|tmpJ|loadgen|bench/echo|vitest|openssl" >/dev/null; }
quiet() { for k in $(seq 1 120); do if ! busy; then sleep 1; if ! busy; then return 0; fi; fi; sleep 0.5; done; echo -n "(not quiet) "; }
f() { sed -E 's/"runtime[^}]*"fraction"/ fraction/' | cut -c1-120; }
for i in 1 2 3; do
  for b in "$@"; do quiet; echo -n "$b: "; node --import tsx $b W6 | f; done
  quiet; echo -n "node: "; node bench/.build/ref-sched/dist/node.js W6 | f
done
