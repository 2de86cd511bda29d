// What a portfolio refresh prints is made from the engine's result before the members are written
// (so that the result can go while they are: issue 23), and what was written is added once they are.
// It must read exactly as it did when it was made at the end: the same JSON, the same summary.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyFolder, runCli } from '../support/cli';

const PORTFOLIO = path.join(__dirname, '../../examples/portfolio');

const run = (...argv: string[]) => runCli(argv);
const copy = () => copyFolder(PORTFOLIO, 'throughline-output-');

describe('a portfolio refresh prints what it computed and what it wrote', () => {
  test('--json with a file left unwritten is JSON.stringify of the whole report, what was written last', async () => {
    const dir = copy();
    // LibreOffice's lock file: proc.xlsx is open, reported under notWritten, the others written.
    writeFileSync(path.join(dir, '.~lock.proc.xlsx#'), 'Maria Lopez,mlopez,pmo-laptop,07.12.2026 06:58,file:///x;');
    const r = await run('refresh', dir, '--in-place', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown> & {
      written: string[];
      notWritten: { file: string; reason: string }[];
    };
    expect(r.stdout).toBe(JSON.stringify(report, null, 2) + '\n');
    expect(Object.keys(report).slice(-3)).toEqual(['pushes', 'written', 'notWritten']);
    expect(report.notWritten.map((l) => path.basename(l.file))).toEqual(['proc.xlsx']);
    expect(report.written.map((f) => path.basename(f)).sort()).toEqual([
      'amer.xlsx',
      'apac.xlsx',
      'emea.xlsx',
      'hub.xlsx',
      'it.xlsx',
    ]);
    expect((report.items as unknown[]).length).toBeGreaterThan(20);
  });

  test('--json with everything written ends with the written files and an empty notWritten', async () => {
    const dir = copy();
    const r = await run('refresh', dir, '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(JSON.stringify(JSON.parse(r.stdout), null, 2) + '\n');
    expect(r.stdout.endsWith('  "notWritten": []\n}\n')).toBe(true);
    expect((JSON.parse(r.stdout) as { written: string[] }).written).toHaveLength(6);
  });

  test('the summary ends with what was written; --fail-on still judges every item, after the summary', async () => {
    const dir = copy();
    const r = await run('refresh', dir, '--fail-on', 'amber');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Throughline portfolio: 6 workbooks as of 2026-06-30\n/);
    expect(r.stdout).toMatch(/\nWritten: [^\n]*hub\.refreshed\.xlsx[^\n]*\n$/);
    expect(r.stdout).toContain('\nTop risks:\n');
    expect(r.stderr).toMatch(/--fail-on amber: \d+ items are Amber or Red \(/);
  });
});
