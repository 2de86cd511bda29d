#!/usr/bin/env node
// Runs the compiled command line from lib/ (built by `npm install` through the prepare script).
'use strict';

function notBuilt(e, file) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(file)) {
    process.stderr.write(
      'throughline: not built yet. Run `npm install` (or `npm run build:cli`) in the project folder first.\n',
    );
    process.exit(1);
  }
  throw e;
}

/**
 * A command that reads a large workbook runs in a second node process started with the heap settings
 * of lib/apps/cli/heap.js (V8 takes them only at start). This process only waits: the terminal's
 * Ctrl+C reaches both, a termination asked of this one is passed on, and the child's exit is its own.
 */
function restartWithHeap(flags, heap) {
  const { spawn } = require('node:child_process');
  const args = [...process.execArgv, ...flags, __filename, ...process.argv.slice(2)];
  const child = spawn(process.execPath, args, {
    stdio: 'inherit',
    env: { ...process.env, ...heap.heapEnv(process.env), [heap.RESTARTED]: '1' },
  });
  const pass = (signal) => () => child.kill(signal);
  const handlers = { SIGINT: () => undefined, SIGTERM: pass('SIGTERM'), SIGHUP: pass('SIGHUP') };
  for (const [signal, handler] of Object.entries(handlers)) process.on(signal, handler);
  let failed = false;
  child.on('error', () => {
    // Node could not be started again (rare): run here, with the default heap.
    failed = true;
    for (const [signal, handler] of Object.entries(handlers)) process.off(signal, handler);
    runHere();
  });
  child.on('exit', (code, signal) => {
    if (failed) return;
    for (const [s, handler] of Object.entries(handlers)) process.off(s, handler);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
}

function runHere() {
  let cli;
  try {
    cli = require('../lib/apps/cli/main.js');
  } catch (e) {
    notBuilt(e, 'lib/apps/cli/main.js');
  }
  cli.main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

let heap;
try {
  heap = require('../lib/apps/cli/heap.js');
} catch (e) {
  notBuilt(e, 'lib/apps/cli/heap.js');
}
const flags = heap.heapFlagsFor(process.argv.slice(2), process.execArgv, process.env);
if (flags) restartWithHeap(flags, heap);
else runHere();
