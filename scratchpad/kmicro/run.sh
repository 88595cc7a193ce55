#!/usr/bin/env bash
cd /work/main && node_modules/.bin/esbuild scratchpad/kmicro/k-micro.ts --bundle --platform=node --format=esm --target=node20 --outfile=scratchpad/kmicro/k-micro.mjs --log-level=warning && N=${N:-16} P=${P:-16} ROUNDS=${ROUNDS:-8000} taskset -c 0 node ${NODEFLAGS:-} scratchpad/kmicro/k-micro.mjs
