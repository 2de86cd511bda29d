// Writes examples/rollout.xlsx from the example's data (src/example/rollout.ts).
// Deterministic: run it twice and the file is the same, byte for byte. `npm run example` regenerates it.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ABOUT, EXAMPLE_AS_OF, EXAMPLE_FORMATS, EXAMPLE_SHEETS } from '../src/example/rollout';
import { buildWorkbook } from '../src/io/xlsx/build';

export { EXAMPLE_AS_OF };

export function buildExampleWorkbook(): Uint8Array {
  return buildWorkbook(EXAMPLE_SHEETS, {
    about: ABOUT,
    formats: {
      ...EXAMPLE_FORMATS,
      Baseline: '#,##0.###',
      Target: '#,##0.###',
      Actual: '#,##0.###',
      Value: '#,##0.####',
    },
    creator: 'Throughline example generator',
    created: `${EXAMPLE_AS_OF}T00:00:00Z`,
  });
}

if (require.main === module) {
  const out = path.join(__dirname, '..', 'examples', 'rollout.xlsx');
  writeFileSync(out, buildExampleWorkbook());
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
}
