// Writes examples/portfolio/: the example split into the workbooks each team keeps (src/example/portfolio.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_AS_OF, EXAMPLE_FORMATS } from '../src/example/rollout';
import { portfolioExample } from '../src/example/portfolio';
import { buildWorkbook } from '../src/io/xlsx/build';

export function writePortfolioExample(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return portfolioExample().map((team) => {
    const file = path.join(dir, team.file);
    writeFileSync(
      file,
      buildWorkbook(team.sheets, {
        formats: {
          ...EXAMPLE_FORMATS,
          Baseline: '#,##0.###',
          Target: '#,##0.###',
          Actual: '#,##0.###',
          Value: '#,##0.####',
        },
        creator: `Throughline example generator (${team.key})`,
        created: `${EXAMPLE_AS_OF}T00:00:00Z`,
      }),
    );
    return file;
  });
}

if (require.main === module) {
  const written = writePortfolioExample(path.join(__dirname, '..', 'examples', 'portfolio'));
  process.stdout.write(`wrote ${written.map((f) => path.relative(process.cwd(), f)).join(', ')}\n`);
}
