#!/usr/bin/env bash
cd /work/main && node_modules/.bin/esbuild examples/echo-server.ts --bundle --platform=node --format=esm --target=node20 --outfile=bench/.build/echo-server.mjs --log-level=warning
