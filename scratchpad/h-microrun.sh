#!/usr/bin/env bash
cd /work/main && node_modules/.bin/esbuild scratchpad/hmicro/h-micro.ts --bundle --platform=node --format=esm --target=node20 --outfile=scratchpad/hmicro/h-micro.mjs --log-level=warning && taskset -c 0 node ${NODEFLAGS:-} scratchpad/hmicro/h-micro.mjs
