// A portfolio's files are replaced all together or not at all, and the command line refuses outputs
// that would overwrite a member; --fail-on and --delay work across members as on one workbook.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  statSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/apps/cli/main';
import { replaceAll } from '../../src/io/node/replace-files';
import { WorkbookWriteError } from '../../src/io/errors';
import { day } from '../support/snapshot';

const PORTFOLIO = path.join(__dirname, '../../examples/portfolio');
const MEMBERS = ['hub.xlsx', 'proc.xlsx', 'it.xlsx', 'emea.xlsx', 'amer.xlsx', 'apac.xlsx'];

async function run(argv: string[]) {
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

function copy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-commit-'));
  cpSync(PORTFOLIO, dir, { recursive: true, filter: (f) => !/\.refreshed\./.test(f) });
  return dir;
}

/** Each entry of a folder: a file's content (base64), or a folder's mark. */
const contents = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        statSync(path.join(dir, f)).isDirectory() ? 'folder' : readFileSync(path.join(dir, f)).toString('base64'),
      ]),
  );
const bytes = (dir: string) =>
  Object.fromEntries(MEMBERS.map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')]));

describe('replaceAll', () => {
  test('replaces every target, moving none aside for good', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-replace-'));
    writeFileSync(path.join(dir, 'a'), 'old a');
    writeFileSync(path.join(dir, '.a.new'), 'new a');
    writeFileSync(path.join(dir, '.b.new'), 'new b');
    await replaceAll([
      { temp: path.join(dir, '.a.new'), target: path.join(dir, 'a') },
      { temp: path.join(dir, '.b.new'), target: path.join(dir, 'b') },
    ]);
    expect(readdirSync(dir).sort()).toEqual(['a', 'b']);
    expect(readFileSync(path.join(dir, 'a'), 'utf8')).toBe('new a');
    expect(readFileSync(path.join(dir, 'b'), 'utf8')).toBe('new b');
  });

  test('when a later rename fails, the earlier targets are put back as they were and no temporary file is left', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-replace-'));
    writeFileSync(path.join(dir, 'a'), 'old a');
    writeFileSync(path.join(dir, '.a.new'), 'new a');
    writeFileSync(path.join(dir, '.b.new'), 'new b');
    // The second target's folder does not exist: its rename fails after the first has been made.
    const missing = path.join(dir, 'gone', 'b');
    await expect(
      replaceAll([
        { temp: path.join(dir, '.a.new'), target: path.join(dir, 'a') },
        { temp: path.join(dir, '.b.new'), target: missing },
      ]),
    ).rejects.toThrow(/Cannot replace .*gone\/b.*Nothing was written: every file is as it was/);
    expect(readdirSync(dir)).toEqual(['a']);
    expect(readFileSync(path.join(dir, 'a'), 'utf8')).toBe('old a');
  });

  test('a target that is a folder stops it before anything is renamed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-replace-'));
    writeFileSync(path.join(dir, 'a'), 'old a');
    writeFileSync(path.join(dir, '.a.new'), 'new a');
    writeFileSync(path.join(dir, '.b.new'), 'new b');
    mkdirSync(path.join(dir, 'b'));
    await expect(
      replaceAll([
        { temp: path.join(dir, '.a.new'), target: path.join(dir, 'a') },
        { temp: path.join(dir, '.b.new'), target: path.join(dir, 'b') },
      ]),
    ).rejects.toBeInstanceOf(WorkbookWriteError);
    expect(readdirSync(dir).sort()).toEqual(['a', 'b']);
    expect(readFileSync(path.join(dir, 'a'), 'utf8')).toBe('old a');
  });
});

describe('the command line writes a portfolio all or nothing', () => {
  test('a member whose refreshed copy cannot take its name: no member is written, no temporary file is left', async () => {
    const dir = copy();
    mkdirSync(path.join(dir, 'emea.refreshed.xlsx'));
    const before = contents(dir);
    const r = await run(['refresh', path.join(dir, 'hub.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/emea\.refreshed\.xlsx/);
    expect(r.stderr.match(/nothing was written/gi)).toHaveLength(1);
    expect(contents(dir)).toEqual(before);
  });

  test('in place, with the portfolio workbook going to a folder that does not exist: every member stays as it was', async () => {
    const dir = copy();
    const before = bytes(dir);
    const r = await run([
      'refresh',
      path.join(dir, 'hub.xlsx'),
      '--in-place',
      '--portfolio-out',
      path.join(dir, 'nodir', 'p.xlsx'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nodir/);
    expect(bytes(dir)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('outputs that would overwrite a member are refused before anything is read', () => {
  test.each([
    ['a member itself', 'proc.xlsx', /a workbook of the portfolio/],
    ["a member's refreshed copy", 'hub.refreshed.xlsx', /where the refreshed copy of .*hub\.xlsx goes/],
    ['an .xlsm name', 'portfolio.xlsm', /only as \.xlsx; name it portfolio\.xlsx/],
  ])('--portfolio-out naming %s', async (_, name, message) => {
    const dir = copy();
    const before = bytes(dir);
    const r = await run(['refresh', path.join(dir, 'hub.xlsx'), '--portfolio-out', path.join(dir, name as string)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(bytes(dir)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes('refreshed'))).toEqual([]);
  });

  test('--portfolio-out with one plain workbook says it needs a portfolio', async () => {
    const dir = copy();
    const r = await run(['refresh', path.join(dir, 'proc.xlsx'), '--portfolio-out', path.join(dir, 'p.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--portfolio-out needs a portfolio/);
    expect(existsSync(path.join(dir, 'p.xlsx'))).toBe(false);
  });

  test('--out with an extension Excel does not open as a workbook', async () => {
    const dir = copy();
    const r = await run(['refresh', path.join(dir, 'proc.xlsx'), '--out', path.join(dir, 'out.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/name the output out\.xlsx/);
  });
});

describe('--fail-on and --delay over a portfolio', () => {
  test('--fail-on red exits 1 naming the Red items, after writing as the single workbook does', async () => {
    const dir = copy();
    const r = await run(['refresh', path.join(dir, 'hub.xlsx'), '--fail-on', 'red']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--fail-on red: \d+ items are Red \((HUB|PROC|IT|EMEA|AMER|APAC):/);
    expect(existsSync(path.join(dir, 'hub.refreshed.xlsx'))).toBe(true);
  });

  test("a plain ID that one member has is that member's item; a team key in any case; the summary says what if", async () => {
    const dir = copy();
    const r = await run(['refresh', path.join(dir, 'hub.xlsx'), '--delay', 'INI-7=42', '--delay', 'proc:INI-1=10']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/What if AMER:INI-7 slips 42 days: HUB:OBJ-3 Green→Amber; .* newly at risk\./);
    expect(r.stdout).toMatch(/What if PROC:INI-1 slips 10 days/);
  });

  test('--delay with a negative number of days is refused', async () => {
    const dir = copy();
    const r = await run(['refresh', path.join(dir, 'hub.xlsx'), '--delay', 'INI-7=-5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at least 1, not -5/);
  });
});

describe("the hub's own sheets", () => {
  test('a sheet of the hub called Portfolio Teams is left alone; the portfolio sheet takes another name, and keeps it', async () => {
    const dir = copy();
    const hub = path.join(dir, 'hub.xlsx');
    // Added with openpyxl, as a user's script would.
    const script = `import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb.create_sheet('Portfolio Teams')\nws.append(['My team roster', 'keep'])\nws.append(['Ann', 42])\nwb.save(sys.argv[1])\n`;
    execFileSync('/usr/bin/python3', ['-c', script, hub]);
    // What openpyxl sees: each sheet's first two rows.
    const seen = (file: string): Record<string, unknown[][]> =>
      JSON.parse(
        execFileSync(
          '/usr/bin/python3',
          [
            '-c',
            `import openpyxl, sys, json\nwb = openpyxl.load_workbook(sys.argv[1])\nprint(json.dumps({ws.title: [[c.value for c in r] for r in ws.iter_rows(max_row=2)] for ws in wb.worksheets}, default=str))`,
            file,
          ],
          { encoding: 'utf8' },
        ),
      );
    const first = await run(['refresh', hub, '--in-place']);
    expect(first.code).toBe(0);
    const once = seen(hub);
    expect(once['Portfolio Teams']).toEqual([
      ['My team roster', 'keep'],
      ['Ann', 42],
    ]);
    expect(once['Throughline Portfolio Teams'][0][0]).toBe('Team');
    expect(once['Portfolio Risks'][0][0]).toBe('Severity');
    expect((await run(['refresh', hub, '--in-place'])).code).toBe(0);
    const twice = seen(hub);
    expect(
      Object.keys(twice)
        .filter((n) => /Portfolio Teams/.test(n))
        .sort(),
    ).toEqual(['Portfolio Teams', 'Throughline Portfolio Teams']);
    expect(twice['Portfolio Teams']).toEqual([
      ['My team roster', 'keep'],
      ['Ann', 42],
    ]);
  });
});

describe('a member that cannot be read', () => {
  test("is a data error on the hub's Portfolio sheet, listed in the hub's Risks sheet: the objectives it feeds do not quietly look better", async () => {
    const dir = copy();
    const emea = path.join(dir, 'emea.xlsx');
    writeFileSync(emea, readFileSync(emea).subarray(0, 4000));
    const r = await run(['refresh', path.join(dir, 'hub.xlsx'), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      summary: { errors: number };
      errors: { workbook: string; sheet: string; cell: string; code: string; message: string }[];
    };
    const notRead = report.errors.filter((e) => e.message.startsWith('emea.xlsx could not be read'));
    expect(notRead).toEqual([
      expect.objectContaining({ workbook: 'hub.xlsx', sheet: 'Portfolio', cell: 'A1', code: 'source-unavailable' }),
    ]);
    expect(notRead[0].message).toMatch(/may look healthier than they are/);
    expect(report.summary.errors).toBeGreaterThanOrEqual(1);
    const risks = JSON.parse(
      execFileSync(
        '/usr/bin/python3',
        [
          '-c',
          `import openpyxl, sys, json\nws = openpyxl.load_workbook(sys.argv[1])['Risks']\nprint(json.dumps([[str(c.value) for c in r] for r in ws.iter_rows()]))`,
          path.join(dir, 'hub.refreshed.xlsx'),
        ],
        { encoding: 'utf8' },
      ),
    ) as string[][];
    expect(risks.some((row) => row.some((v) => v.startsWith('emea.xlsx could not be read')))).toBe(true);
  });
});

describe("a member's own text", () => {
  test("names its own items by their plain IDs and other teams' items with their key", async () => {
    const dir = copy();
    expect((await run(['refresh', path.join(dir, 'hub.xlsx')])).code).toBe(0);
    const cells = JSON.parse(
      execFileSync(
        '/usr/bin/python3',
        [
          '-c',
          `import openpyxl, sys, json\nwb = openpyxl.load_workbook(sys.argv[1])\nprint(json.dumps([str(c.value) for ws in wb.worksheets if ws.sheet_state == 'visible' for r in ws.iter_rows() for c in r if isinstance(c.value, str)]))`,
          path.join(dir, 'it.refreshed.xlsx'),
        ],
        { encoding: 'utf8' },
      ),
    ) as string[];
    expect(cells.filter((v) => /(^|[^A-Z])IT:[A-Z]/.test(v))).toEqual([]);
    expect(cells.some((v) => v.includes('PROC:INI-1'))).toBe(true);
  });
});
