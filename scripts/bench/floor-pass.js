// The floor a refresh cannot go under: unzip the workbook with fflate and make one saxes pass over every
// worksheet's XML, counting cells. Run in a fresh process (like the command line) by scripts/bench/floor.ts:
//   node scripts/bench/floor-pass.js FILE
// prints {"ms", "cells"} on stdout; the caller measures the process's wall time and peak RSS.
'use strict';
const { readFileSync } = require('node:fs');
const { unzipSync, strFromU8 } = require('fflate');
const { SaxesParser } = require('saxes');

const started = performance.now();
const files = unzipSync(new Uint8Array(readFileSync(process.argv[2])));
let cells = 0;
for (const [name, data] of Object.entries(files)) {
  if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (tag.name === 'c') cells++;
  });
  parser.write(strFromU8(data)).close();
}
process.stdout.write(JSON.stringify({ ms: performance.now() - started, cells }));
