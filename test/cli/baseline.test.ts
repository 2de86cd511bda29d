// `throughline refresh --set-baseline` on files, edited between refreshes the way people edit them:
// openpyxl (a script, or anything built on it), LibreOffice opening and saving the file, a workbook
// switched to the 1904 date system. The sanitizing team of issue 19: push a Due and call it Green,
// lower a Target, halve a Value at Stake, delete the red initiative.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/apps/cli/main';
import type { Report } from '../../src/engine';
import { day } from '../support/snapshot';

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

async function refreshJson(input: string, output: string, ...more: string[]): Promise<Report> {
  const r = await run('refresh', input, '--out', output, '--json', ...more);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

// The edits, as a person does them in openpyxl: cells by address, a table row deleted and the
// table's range shrunk to match, rows of the Dependencies range that named the deleted item cleared.
const SANITIZE = `
import openpyxl, sys, datetime
wb = openpyxl.load_workbook(sys.argv[1])
ini = wb['Initiatives']
ini['G2'] = datetime.datetime(2026, 6, 30)   # INI-1 Due 2026-05-15 -> 2026-06-30
ini['J2'] = 'Green'                          # ... and called Green
kpi = wb['KPIs']
kpi['F2'] = 1500000                          # KPI-1 Target 1,800,000 -> 1,500,000
obj = wb['Objectives']
obj['G3'] = 2250000                          # OBJ-2 Value at Stake 4,500,000 -> 2,250,000
# Delete INI-10 (row 11), the red APAC cut-over, and shrink the table by one row.
ini.delete_rows(11)
t = ini.tables['Initiatives']
first, last = t.ref.split(':')
col = ''.join(c for c in last if c.isalpha())
t.ref = first + ':' + col + str(int(''.join(c for c in last if c.isdigit())) - 1)
if t.autoFilter is not None: t.autoFilter.ref = t.ref
dep = wb['Dependencies']
for row in list(dep.iter_rows(min_row=4)):
    if 'INI-10' in (row[0].value, row[1].value):
        for c in row: c.value = None
hist = wb['Check-ins']
for row in hist.iter_rows(min_row=2):
    if row[0].value == 'INI-10': raise SystemExit('the example has check-ins for INI-10; delete them too')
if len(sys.argv) > 3 and sys.argv[3] == '1904':
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
wb.save(sys.argv[2])
`;

function python(script: string, ...args: string[]): void {
  execFileSync('/usr/bin/python3', ['-c', script, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** LibreOffice opens the workbook and saves it again as .xlsx, as a person on Linux would. */
function libreOfficeResave(input: string, dir: string): string {
  const out = path.join(dir, 'lo');
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      out,
      input,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  return path.join(out, path.basename(input));
}

/** The Risks sheet's rows, read back by openpyxl (what a person sees). */
function risksRows(file: string): unknown[][] {
  const out = execFileSync('/usr/bin/python3', [
    '-c',
    `import openpyxl, sys, json\nws = openpyxl.load_workbook(sys.argv[1])['Risks']\n` +
      `print(json.dumps([[c for c in r] for r in ws.iter_rows(values_only=True)], default=str))`,
    file,
  ]);
  return JSON.parse(out.toString()) as unknown[][];
}

const moved = (report: Report, id: string) =>
  report.items.find((i) => i.id === id)!.flags.find((f) => f.code === 'moved-goalposts') ?? null;

describe('--set-baseline usage', () => {
  test.each([
    ['an empty label', '', 'A baseline needs a label'],
    ['a blank label', '   ', 'A baseline needs a label'],
    ['101 characters', 'x'.repeat(101), 'A baseline label holds at most 100 characters; this one has 101'],
  ])('%s is a usage error: exit 2, nothing written', async (_what, label, message) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-baseline-'));
    const input = path.join(dir, 'plan.xlsx');
    copyFileSync(EXAMPLE, input);
    const r = await run('refresh', input, '--set-baseline', label);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--set-baseline: ${message}`);
    expect(r.stderr).toContain('[--set-baseline LABEL]');
    expect(readdirSync(dir)).toEqual(['plan.xlsx']);
  });

  test('setting the same baseline on the same as-of twice writes the same bytes (refresh is idempotent)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-baseline-'));
    const once = path.join(dir, 'once.xlsx');
    const twice = path.join(dir, 'twice.xlsx');
    const args = ['--as-of', '2026-03-31', '--set-baseline', 'FY26 plan'];
    expect((await run('refresh', EXAMPLE, '--out', once, ...args)).code).toBe(0);
    expect((await run('refresh', once, '--out', twice, ...args)).code).toBe(0);
    const again = path.join(dir, 'again.xlsx');
    expect((await run('refresh', twice, '--out', again, ...args)).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(twice))).toBe(true);
  });

  test('a portfolio is refused: each team sets its own baseline', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-baseline-'));
    copyFileSync(EXAMPLE, path.join(dir, 'a.xlsx'));
    copyFileSync(EXAMPLE, path.join(dir, 'b.xlsx'));
    const r = await run('refresh', path.join(dir, 'a.xlsx'), path.join(dir, 'b.xlsx'), '--set-baseline', 'FY26');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("run it on each team's workbook");
  });
});

describe('a sanitized workbook, edited between refreshes', () => {
  let dir: string;
  let baselined: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'throughline-baseline-'));
    baselined = path.join(dir, 'baselined.xlsx');
    const set = await refreshJson(EXAMPLE, baselined, '--as-of', '2026-03-31', '--set-baseline', 'FY26 plan');
    expect(set.baseline).toEqual({ label: 'FY26 plan', setOn: '2026-03-31' });
    expect(set.items.some((i) => moved(set, i.id))).toBe(false);
    expect(set.items.find((i) => i.id === 'INI-10')!.health).toBe('Red');
  });

  const expectCaught = (report: Report, asOf: string) => {
    expect(moved(report, 'INI-1')).toEqual({
      code: 'moved-goalposts',
      severity: 'high',
      message: `Due moved from 2026-05-15 (baseline 'FY26 plan', set 2026-03-31) to 2026-06-30, 46 days later (as of ${asOf})`,
    });
    expect(moved(report, 'KPI-1')!.message).toBe(
      `Target lowered from $1,800,000 (baseline 'FY26 plan', set 2026-03-31) to $1,500,000 (as of ${asOf})`,
    );
    expect(moved(report, 'OBJ-2')!.message).toBe(
      `Value at Stake cut from 4,500,000 (baseline 'FY26 plan', set 2026-03-31) to 2,250,000, 50% less (as of ${asOf})`,
    );
    // Nothing else moved the easy way.
    expect(report.items.filter((i) => moved(report, i.id)).map((i) => i.id)).toEqual(['OBJ-2', 'KPI-1', 'INI-1']);
    expect(report.removed).toEqual([
      expect.objectContaining({
        id: 'INI-10',
        kind: 'initiative',
        name: 'APAC regional cut-over',
        lastHealth: 'Red',
        lastSeen: '2026-03-31',
        baseline: expect.objectContaining({ label: 'FY26 plan', due: '2026-11-30' }),
      }),
    ]);
    // INI-1's forecast 2026-07-10 against the baseline Due 2026-05-15: 56 days (16 + 30 + 10).
    expect(report.items.find((i) => i.id === 'INI-1')!.slipVsBaselineDays).toBe(56);
    expect(report.errors).toEqual([]);
  };

  test('openpyxl: every moved goalpost flagged, the deleted red initiative in JSON removed and the Risks sheet', async () => {
    const edited = path.join(dir, 'edited.xlsx');
    python(SANITIZE, baselined, edited);
    const out = path.join(dir, 'edited.refreshed.xlsx');
    const report = await refreshJson(edited, out, '--as-of', '2026-04-20');
    expectCaught(report, '2026-04-20');
    const risks = risksRows(out);
    const removedRow = risks.find((r) => r[5] === 'removed-since-baseline')!;
    expect(removedRow.slice(0, 6)).toEqual([
      'high',
      'INI-10',
      'APAC regional cut-over',
      'Initiative',
      'Red',
      'removed-since-baseline',
    ]);
    expect(risks.filter((r) => r[5] === 'moved-goalposts').map((r) => [r[0], r[1]])).toEqual(
      expect.arrayContaining([
        ['high', 'INI-1'],
        ['high', 'KPI-1'],
        ['high', 'OBJ-2'],
      ]),
    );
    // The owned column on Initiatives, read back as a person would.
    const slip = execFileSync('/usr/bin/python3', [
      '-c',
      `import openpyxl, sys\nws = openpyxl.load_workbook(sys.argv[1])['Initiatives']\nh = [c.value for c in ws[1]]\n` +
        `print(ws.cell(row=2, column=h.index('Slip vs baseline (auto)') + 1).value)`,
      out,
    ]);
    expect(slip.toString().trim()).toBe('56');
    // The next weekly refresh still says so: the flag stays until a new baseline is set.
    const weekly = await refreshJson(out, path.join(dir, 'weekly.xlsx'), '--as-of', '2026-04-27');
    expectCaught(weekly, '2026-04-27');
    const rebased = await refreshJson(
      out,
      path.join(dir, 'rebased.xlsx'),
      '--as-of',
      '2026-04-27',
      '--set-baseline',
      'Q2 replan',
    );
    expect(rebased.items.some((i) => moved(rebased, i.id))).toBe(false);
    expect(rebased.removed).toEqual([]);
  });

  test('LibreOffice opening and saving the edited file changes nothing of it', async () => {
    const edited = path.join(dir, 'lo-edited.xlsx');
    python(SANITIZE, baselined, edited);
    const resaved = libreOfficeResave(edited, dir);
    expect(existsSync(resaved)).toBe(true);
    expectCaught(
      await refreshJson(resaved, path.join(dir, 'lo.refreshed.xlsx'), '--as-of', '2026-04-20'),
      '2026-04-20',
    );
  }, 180_000);

  test('the same workbook in the 1904 date system means the same days', async () => {
    const edited = path.join(dir, 'edited-1904.xlsx');
    python(SANITIZE, baselined, edited, '1904');
    expectCaught(
      await refreshJson(edited, path.join(dir, '1904.refreshed.xlsx'), '--as-of', '2026-04-20'),
      '2026-04-20',
    );
  });

  test('a Due typed so it cannot be read is a data error, not a moved goalpost or a removed item', async () => {
    const edited = path.join(dir, 'typo.xlsx');
    python(
      `import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nwb['Initiatives']['G3'] = '31/06/2026'\nwb.save(sys.argv[2])\n`,
      baselined,
      edited,
    );
    const report = await refreshJson(edited, path.join(dir, 'typo.refreshed.xlsx'), '--as-of', '2026-04-20');
    expect(report.errors).toEqual([
      expect.objectContaining({ sheet: 'Initiatives', cell: 'G3', code: 'invalid-date' }),
    ]);
    expect(report.removed).toEqual([]);
    expect(report.items.filter((i) => moved(report, i.id))).toEqual([]);
  });

  test("a portfolio refresh keeps each team's baseline and forecast history as they were", async () => {
    const team = mkdtempSync(path.join(tmpdir(), 'throughline-baseline-team-'));
    const a = path.join(team, 'a.xlsx');
    copyFileSync(baselined, a);
    copyFileSync(EXAMPLE, path.join(team, 'b.xlsx'));
    const r = await run('refresh', a, path.join(team, 'b.xlsx'), '--in-place', '--as-of', '2026-04-13');
    expect(r.code).toBe(0);
    const edited = path.join(team, 'a-edited.xlsx');
    python(SANITIZE, a, edited);
    const report = await refreshJson(edited, path.join(team, 'a-edited.refreshed.xlsx'), '--as-of', '2026-04-20');
    expectCaught(report, '2026-04-20');
  });
});
