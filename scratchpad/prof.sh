#!/bin/bash
# usage: scratchpad/prof.sh script.ts [args] — prints the top self-time functions
rm -rf /tmp/prof; node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx "$@" > /dev/null
node -e '
const fs=require("fs");const f=fs.readdirSync("/tmp/prof").map(x=>"/tmp/prof/"+x)[0];
const p=JSON.parse(fs.readFileSync(f));const self={};
const dt={};for(let i=0;i<p.samples.length;i++){dt[p.samples[i]]=(dt[p.samples[i]]||0)+(p.timeDeltas[i]||0)}
for(const n of p.nodes){const k=n.callFrame.functionName+" "+n.callFrame.url.split("/").slice(-2).join("/")+":"+n.callFrame.lineNumber;self[k]=(self[k]||0)+(dt[n.id]||0)}
console.log(Object.entries(self).sort((a,b)=>b[1]-a[1]).slice(0,30).map(([k,v])=>(v/1000).toFixed(1)+"ms "+k).join("\n"))'
