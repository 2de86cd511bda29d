#!/usr/bin/env node
// Runs the compiled command line from lib/ (built by `npm install` through the prepare script).
'use strict';
let cli;
try {
  cli = require('../lib/apps/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('lib/apps/cli/main.js')) {
    process.stderr.write(
      'throughline: not built yet. Run `npm install` (or `npm run build:cli`) in the project folder first.\n',
    );
    process.exit(1);
  }
  throw e;
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
