// `throughline refresh` as a user runs it: exit codes, stdout/stderr, files written or not.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { main, defaultOutput } from '../../src/apps/cli/main';
import { progressReporter } from '../../src/apps/cli/progress';
import { openXlsxFile } from '../../src/io/node/xlsx-file';
import { day } from '../support/snapshot';
import { editCells } from '../support/edit-cells';
import { entries, partText, rezip } from '../support/zip';

const ROOT = path.join(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/rollout.xlsx');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    today: () => day('2026-06-30'),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

function workdir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-cli-'));
  const input = path.join(dir, 'plan.xlsx');
  copyFileSync(EXAMPLE, input);
  return { dir, input };
}

describe('refresh', () => {
  test('writes <in>.refreshed.xlsx beside the input and prints a summary; the input is untouched', async () => {
    const { dir, input } = workdir();
    const before = readFileSync(input);
    const { code, stdout, stderr } = await run('refresh', input);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Objectives  1 Green · 1 Amber · 5 Red · 0 Grey');
    expect(stdout).toContain('Top risks:');
    // INI-1 breaks two promises (to INI-3 and INI-14): each flag code is named once.
    expect(stdout).toContain('flags: stale, status-contradicts-data, commitment-at-risk, need-not-met\n');
    expect(stdout).toContain(`written to ${path.join(dir, 'plan.refreshed.xlsx')}`);
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['plan.refreshed.xlsx', 'plan.xlsx']);
    const snap = await (await openXlsxFile(path.join(dir, 'plan.refreshed.xlsx'))).read();
    expect(snap.tables.find((t) => t.name === 'KPIs')!.headers).toContain('Health (auto)');
    expect(snap.sheetNames).toContain('Risks');
  });

  test('a macro workbook refreshes to <in>.refreshed.xlsm with its VBA project; an .xlsx name for it is a usage error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-cli-'));
    const input = path.join(dir, 'plan.xlsm');
    copyFileSync(path.join(__dirname, '../fixtures/interop/xlsxwriter-macro.xlsm'), input);
    const { code, stdout } = await run('refresh', input);
    expect(code).toBe(0);
    expect(stdout).toContain(`written to ${path.join(dir, 'plan.refreshed.xlsm')}`);
    const out = readFileSync(path.join(dir, 'plan.refreshed.xlsm'));
    expect(partText(out, '[Content_Types].xml')).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    expect(
      Buffer.from(entries(out)['xl/vbaProject.bin']).equals(
        Buffer.from(entries(readFileSync(input))['xl/vbaProject.bin']),
      ),
    ).toBe(true);

    const wrong = await run('refresh', input, '--out', path.join(dir, 'copy.xlsx'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      'the workbook holds macros, so Excel only opens it as .xlsm; name the output copy.xlsm',
    );
    const plain = await run('refresh', EXAMPLE, '--out', path.join(dir, 'example.xlsm'));
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain(
      'the workbook holds no macros, so Excel refuses it as .xlsm; name the output example.xlsx',
    );
    expect(readdirSync(dir).sort()).toEqual(['plan.refreshed.xlsm', 'plan.xlsm']);
  });

  test('--json prints only the report, in the SPEC shape', async () => {
    const { input } = workdir();
    const { code, stdout, stderr } = await run('refresh', input, '--json', '--delay', 'INI-1=30');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual([
      'asOf',
      'summary',
      'items',
      'whatIf',
      'errors',
      'baseline',
      'removed',
      'dependencies',
    ]);
    // No baseline set: the plan as first recorded is the baseline, and nothing has gone yet.
    expect(report.baseline).toBeNull();
    expect(report.removed).toEqual([]);
    expect(report.asOf).toBe('2026-06-30');
    expect(Object.keys(report.summary)).toEqual([
      'objectives',
      'valueAtStake',
      'valueAtRisk',
      'stale',
      'flagged',
      'errors',
    ]);
    const item = report.items.find((i: { id: string }) => i.id === 'INI-3');
    expect(item).toMatchObject({
      kind: 'initiative',
      sheet: 'Initiatives',
      row: 4,
      health: 'Red',
      ownHealth: 'Green',
      reportedStatus: 'Green',
      confidence: null,
    });
    expect(item.forecastFinish).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(item.baseline).toMatchObject({ label: null, setOn: '2026-06-30', due: '2026-07-31' });
    expect(item.slipVsBaselineDays).toBe(item.slipDays);
    expect(item.forecastHistory).toEqual([{ asOf: '2026-06-30', forecast: item.forecastFinish, attainment: null }]);
    const objective = report.items.find((i: { id: string }) => i.id === 'OBJ-1');
    expect([objective.slipVsBaselineDays, objective.forecastHistory]).toEqual([null, null]);
    expect(item.impact).toEqual(
      expect.objectContaining({
        objectives: expect.any(Array),
        revenueStreams: expect.any(Array),
        valueExposed: expect.any(Number),
      }),
    );
    for (const i of report.items)
      for (const [k, v] of Object.entries(i)) (expect(v).not.toBeUndefined(), expect(k).toBeTruthy());
    expect(report.whatIf).toEqual([expect.objectContaining({ delay: { id: 'INI-1', days: 30 } })]);
    // The example's broken promise: licences committed for 15 June, forecast 10 July (issue 20).
    expect(report.dependencies[0]).toEqual({
      upstream: 'INI-1',
      downstream: 'INI-3',
      sheet: 'Dependencies',
      row: 4,
      lagDays: 5,
      health: 'Red',
      slackDays: -18,
      pushDays: 18,
      latestFinish: '2026-06-22',
      upstreamForecast: '2026-07-10',
      neededBy: '2026-06-20',
      committed: '2026-06-15',
      status: 'Committed',
      flags: [
        expect.objectContaining({ code: 'commitment-at-risk', severity: 'high' }),
        expect.objectContaining({ code: 'need-not-met', severity: 'high' }),
      ],
      valueExposed: 7_300_000,
    });
  });

  test('--as-of overrides the Settings table', async () => {
    const { input } = workdir();
    const { stdout } = await run('refresh', input, '--json', '--as-of', '2026-03-31');
    expect(JSON.parse(stdout).asOf).toBe('2026-03-31');
  });

  test('--in-place overwrites the input and nothing else', async () => {
    const { dir, input } = workdir();
    expect((await run('refresh', input, '--in-place')).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['plan.xlsx']);
    expect((await (await openXlsxFile(input)).read()).sheetNames).toContain('Risks');
  });

  test('--in-place refuses a workbook that asks for a password to modify; a copy is written as usual', async () => {
    // Excel's General Options › Password to modify: <fileSharing> with the password's hash, before <workbookPr>.
    const { dir, input } = workdir();
    const guarded = rezip(readFileSync(input), {
      'xl/workbook.xml': (xml) =>
        xml.replace(/<workbookPr\b/, '<fileSharing userName="PMO" reservationPassword="CC3D"/>$&'),
    });
    writeFileSync(input, guarded);
    const refused = await run('refresh', input, '--in-place');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('password to modify');
    expect(refused.stderr).toContain('Nothing was written.');
    expect(readFileSync(input).equals(Buffer.from(guarded))).toBe(true);
    expect(readdirSync(dir)).toEqual(['plan.xlsx']);
    expect((await run('refresh', input)).code).toBe(0);
    expect(partText(readFileSync(path.join(dir, 'plan.refreshed.xlsx')), 'xl/workbook.xml')).toContain(
      'reservationPassword="CC3D"',
    );
  });

  test('--out writes where asked', async () => {
    const { dir, input } = workdir();
    const out = path.join(dir, 'status.xlsx');
    expect((await run('refresh', input, '--out', out)).code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  test.each([
    ['red', 1],
    ['amber', 1],
    ['flag', 1],
  ])('--fail-on %s exits %p after writing, with the reason on stderr', async (level, expected) => {
    const { dir, input } = workdir();
    const { code, stderr } = await run('refresh', input, '--fail-on', level);
    expect(code).toBe(expected);
    expect(stderr).toMatch(new RegExp(`^--fail-on ${level}: \\d+ items are`));
    expect(existsSync(path.join(dir, 'plan.refreshed.xlsx'))).toBe(true);
  });
});

describe('failures write nothing', () => {
  test('a workbook without Throughline tables exits 1 with what is missing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-cli-'));
    const input = path.join(dir, 'google.xlsx');
    copyFileSync(path.join(ROOT, '../shared/interop/google-sheets.xlsx'), input);
    const { code, stdout, stderr } = await run('refresh', input);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('Objectives table or sheet');
    expect(stderr).toContain('Nothing was written.');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual(['google.xlsx']);
  });

  test.each([
    ['a missing file', (dir: string) => path.join(dir, 'nope.xlsx'), /does not exist/],
    [
      'a corrupt file',
      (dir: string) => (writeFileSync(path.join(dir, 'bad.xlsx'), 'PK\u0003\u0004junk'), path.join(dir, 'bad.xlsx')),
      /damaged/,
    ],
  ])('%s exits 1 with the reason', async (_label, make, message) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-cli-'));
    const { code, stderr } = await run('refresh', make(dir));
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(readdirSync(dir).filter((f) => f.includes('refreshed'))).toEqual([]);
  });

  test('an output folder that does not exist exits 1 and leaves no file', async () => {
    const { dir, input } = workdir();
    const { code, stderr } = await run('refresh', input, '--out', path.join(dir, 'missing', 'out.xlsx'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/does not exist/);
    expect(readdirSync(dir)).toEqual(['plan.xlsx']);
  });
});

describe('report', () => {
  test('writes <in>.status.html beside the input; the workbook is untouched', async () => {
    const { dir, input } = workdir();
    const before = readFileSync(input);
    const { code, stdout, stderr } = await run('report', input);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const out = path.join(dir, 'plan.status.html');
    expect(stdout).toBe(
      `Wrote ${out}: as of 2026-06-30, 3 top risks mapped, 0 changes since the last refresh, 9 owners to chase.\n`,
    );
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['plan.status.html', 'plan.xlsx']);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|src="http|href="http|@import|url\((?!#)/i);
    // The ten worst risks in a table, the rest left to the Risks sheet.
    expect(html).toContain('<h2 id="attention">Needs attention</h2>');
    expect(html).toMatch(/\d+ more in the workbook’s Risks sheet/);
    for (const text of [
      'Status report',
      'plan.xlsx · as of 2026-06-30',
      'Objectives by health',
      'Value at risk by revenue stream',
      'Slip of the top slipping initiatives',
      'Owners to chase',
      'M. Okafor',
    ]) {
      expect(html).toContain(text);
    }
    // The three maps follow three different chains.
    expect([...html.matchAll(/data-map="([^"]+)"/g)].map((m) => m[1])).toEqual(['INI-1', 'INI-2', 'KPI-2']);
  });

  test('after a refresh and an edit, the report says what changed since that refresh', async () => {
    const { dir, input } = workdir();
    const refreshed = path.join(dir, 'refreshed.xlsx');
    expect((await run('refresh', input, '--out', refreshed)).code).toBe(0);
    let forecast = 0;
    const edited = await editCells(readFileSync(refreshed), 'Initiatives', (row, r) => {
      if (r === 1) forecast = row.indexOf('Forecast Finish');
      return row[1] === 'INI-1' ? { [forecast]: new Date(Date.UTC(2026, 7, 9)) } : undefined;
    });
    writeFileSync(refreshed, edited.data);
    const { code, stdout } = await run('report', refreshed, '--out', path.join(dir, 'status.html'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/, [1-9]\d* changes? since the last refresh/);
    const html = readFileSync(path.join(dir, 'status.html'), 'utf8');
    expect(html).toContain('What changed since the refresh of 2026-06-30');
    expect(html).toContain('forecast +30 d (2026-07-10 → 2026-08-09)');
  });

  test('--as-of judges the workbook on that date', async () => {
    const { dir, input } = workdir();
    expect((await run('report', input, '--as-of', '2026-05-31', '--out', path.join(dir, 'may.html'))).code).toBe(0);
    expect(readFileSync(path.join(dir, 'may.html'), 'utf8')).toContain('as of 2026-05-31');
  });

  test('a workbook without Throughline tables exits 1 and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-cli-'));
    const input = path.join(dir, 'google.xlsx');
    copyFileSync(path.join(ROOT, '../shared/interop/google-sheets.xlsx'), input);
    const { code, stderr } = await run('report', input);
    expect(code).toBe(1);
    expect(stderr).toContain('Nothing was written.');
    expect(readdirSync(dir)).toEqual(['google.xlsx']);
  });

  test('--out naming the workbook is a usage error', async () => {
    const { input } = workdir();
    expect((await run('report', input, '--out', input)).code).toBe(2);
  });
});

describe('usage errors exit 2', () => {
  test.each([
    [[]],
    [['refresh']],
    [['frobnicate', 'x.xlsx']],
    [['refresh', 'x.xlsx', '--bogus']],
    [['refresh', 'x.xlsx', '--as-of', '30/06/2026']],
    [['refresh', 'x.xlsx', '--delay', 'INI-1']],
    [['refresh', 'x.xlsx', '--fail-on', 'purple']],
    [['refresh', 'x.xlsx', '--out', 'y.xlsx', '--in-place']],
  ])('%p', async (argv) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.length).toBeGreaterThan(0);
  });

  test('an unknown ID to delay is a usage error, and nothing is written', async () => {
    const { dir, input } = workdir();
    const { code, stderr } = await run('refresh', input, '--delay', 'INI-99=5');
    expect(code).toBe(2);
    expect(stderr).toContain('INI-99');
    expect(readdirSync(dir)).toEqual(['plan.xlsx']);
  });

  test('--out naming the input itself needs --in-place', async () => {
    const { input } = workdir();
    expect((await run('refresh', input, '--out', input)).code).toBe(2);
  });

  test('--help and --version exit 0', async () => {
    expect((await run('--help')).code).toBe(0);
    expect((await run('--version')).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

test('default output sits beside the input', () => {
  expect(defaultOutput(path.join('a', 'plan.xlsx'))).toBe(path.join('a', 'plan.refreshed.xlsx'));
});

test('progress goes to stderr as plain lines when stderr is not a terminal', () => {
  let err = '';
  const progress = progressReporter({ stdout: () => undefined, stderr: (s) => (err += s), isTTY: false }, true);
  progress('reading');
  progress('computing');
  progress(null);
  expect(err.split('\n').filter(Boolean)).toEqual([
    expect.stringMatching(/^\[1\/3\] Reading workbook/),
    expect.stringMatching(/^\[2\/3\] Computing/),
    expect.stringMatching(/^done in/),
  ]);
});

test('the installed command runs from a checkout: `throughline refresh --json`', () => {
  const { input } = workdir();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/throughline.js'), 'refresh', input, '--json'], {
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout).summary.objectives).toEqual({ Green: 1, Amber: 1, Red: 5, Grey: 0 });
  expect(result.stderr).toBe('');
});
