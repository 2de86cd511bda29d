// Which files make a portfolio on the command line: a sheet that is only called Portfolio, a member
// listed twice, and Throughline's own portfolio workbook lying in the folder it summarises.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/apps/cli/main';
import { discoverMembers } from '../../src/apps/cli/portfolio-members';
import { isManifest } from '../../src/portfolio/manifest';
import { day } from '../support/snapshot';
import { editCells } from '../support/edit-cells';
import { smallWorkbook } from '../support/workbooks';

const ROOT = path.join(__dirname, '../..');
const PORTFOLIO = path.join(ROOT, 'examples/portfolio');

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

function copy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-members-'));
  cpSync(PORTFOLIO, dir, { recursive: true, filter: (f) => !/\.refreshed\./.test(f) });
  return dir;
}

/** A small plan with a sheet of the user's own called Portfolio. */
async function withPortfolioSheet(rows: unknown[][]): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-members-'));
  const wb = smallWorkbook();
  const ws = wb.addWorksheet('Portfolio');
  for (const row of rows) ws.addRow(row);
  const file = path.join(dir, 'plan.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('a sheet called Portfolio', () => {
  test.each([
    ['a team-key and a path column', ['Team', 'Path'], [['EMEA', 'emea.xlsx']], true],
    ['both, under other names, empty', ['Code', 'Workbook'], [], true],
    ['neither (a product list)', ['Product', 'Segment', 'ARR'], [['Billing Cloud', 'Mid-market', 1_200_000]], false],
    ['a Code column only, no workbook named', ['Code', 'Product'], [['BC-1', 'Billing Cloud']], false],
    ['a Location column only, no workbook named', ['Office', 'Location'], [['HQ', 'Paris']], false],
    [
      'a team-key column and workbook names under another header',
      ['Team', 'Spreadsheet'],
      [['EMEA', 'emea.xlsx']],
      true,
    ],
    ['a path column and no team key', ['Path', 'Owner'], [['teams/emea.XLSM', 'L. Moreau']], true],
  ])('with %s', (_what, headers, rows, expected) => {
    expect(isManifest(headers, rows)).toBe(expected);
  });

  test('a product list called Portfolio: the workbook refreshes and reports on its own', async () => {
    const file = await withPortfolioSheet([
      ['Product', 'Segment', 'ARR'],
      ['Billing Cloud', 'Mid-market', 1_200_000],
    ]);
    const refreshed = await run('refresh', file);
    expect(refreshed.stderr).toBe('');
    expect(refreshed.code).toBe(0);
    expect(existsSync(file.replace(/\.xlsx$/, '.refreshed.xlsx'))).toBe(true);
    expect(refreshed.stdout).not.toContain('portfolio');
    expect((await run('report', file)).code).toBe(0);
  });

  test('one with team keys beside workbook names but no Path column is a hub missing a column: exit 2, nothing written', async () => {
    const file = await withPortfolioSheet([
      ['Team', 'Spreadsheet'],
      ['EMEA', 'emea.xlsx'],
    ]);
    const result = await run('refresh', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'the Portfolio table has no Path column (it may also be called File, Workbook or Location)',
    );
    expect(readdirSync(path.dirname(file))).toEqual(['plan.xlsx']);
  });
});

describe('a member listed twice in the Portfolio table', () => {
  test('is a usage error naming the file and both rows, before anything is read or written', async () => {
    const dir = copy();
    const hub = path.join(dir, 'hub.xlsx');
    // Row 3 lists IT; make it a second name for proc.xlsx.
    const { data, edited } = await editCells(new Uint8Array(readFileSync(hub)), 'Portfolio', (row, n) =>
      n === 3 && row[1] === 'IT' ? { 1: 'PROC2', 2: './proc.xlsx' } : undefined,
    );
    expect(edited).toBe(2);
    writeFileSync(hub, data);
    const setup = await discoverMembers([hub]);
    expect(setup.problems).toEqual([`${hub}: proc.xlsx is listed twice in the Portfolio table (rows 2 and 3)`]);
    const before = readdirSync(dir).sort();
    const result = await run('refresh', hub);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('proc.xlsx is listed twice in the Portfolio table (rows 2 and 3)');
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe("Throughline's own portfolio workbook in a folder", () => {
  test('is left out of a folder refresh with a note; named on its own, it is used as given', async () => {
    const dir = copy();
    const out = path.join(dir, 'portfolio.xlsx');
    expect((await run('refresh', path.join(dir, 'hub.xlsx'), '--portfolio-out', out)).code).toBe(0);
    const setup = await discoverMembers([dir]);
    expect(setup.members.map((m) => m.info.label).sort()).toEqual([
      'amer.xlsx',
      'apac.xlsx',
      'emea.xlsx',
      'hub.xlsx',
      'it.xlsx',
      'proc.xlsx',
    ]);
    expect(setup.notes).toEqual([`Left out ${out}: it is a portfolio workbook Throughline wrote, not a team's.`]);

    const folder = await run('refresh', dir, '--json');
    expect(folder.code).toBe(0);
    expect(JSON.parse(folder.stdout).members).toHaveLength(6);
    expect(folder.stderr).toContain(`Left out ${out}`);
    expect(existsSync(path.join(dir, 'portfolio.refreshed.xlsx'))).toBe(false);

    // Named explicitly, it is what the user asked for: read, and refused for what it lacks.
    expect((await discoverMembers([out])).members.map((m) => m.file)).toEqual([out]);
    const alone = await run('refresh', out);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain('needs an Objectives table');
  });

  test("with the Risks sheet and ledger an earlier refresh gave it, it is still left out; a team's workbook holding portfolio sheets is not", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-members-'));
    const output = new ExcelJS.Workbook();
    for (const name of ['Portfolio Risks', 'Portfolio Teams', 'Portfolio Dependencies', 'Risks', 'Throughline Ledger'])
      output.addWorksheet(name).addRow(['Severity']);
    await output.xlsx.writeFile(path.join(dir, 'summary.xlsx'));
    // A refreshed hub has the portfolio sheets beside its own data: a member.
    const hub = smallWorkbook();
    hub.addWorksheet('Portfolio Risks').addRow(['Severity']);
    await hub.xlsx.writeFile(path.join(dir, 'hub.xlsx'));
    cpSync(path.join(PORTFOLIO, 'proc.xlsx'), path.join(dir, 'proc.xlsx'));
    const setup = await discoverMembers([dir]);
    expect(setup.members.map((m) => m.info.label)).toEqual(['hub.xlsx', 'proc.xlsx']);
    expect(setup.notes).toEqual([
      `Left out ${path.join(dir, 'summary.xlsx')}: it is a portfolio workbook Throughline wrote, not a team's.`,
    ]);
  });
});

describe('a path typed on Windows in the Portfolio table', () => {
  test('teams\\it.xlsx names teams/it.xlsx', async () => {
    const dir = copy();
    const hub = path.join(dir, 'hub.xlsx');
    mkdirSync(path.join(dir, 'teams'));
    renameSync(path.join(dir, 'it.xlsx'), path.join(dir, 'teams', 'it.xlsx'));
    const { data, edited } = await editCells(new Uint8Array(readFileSync(hub)), 'Portfolio', (row) =>
      row[1] === 'IT' ? { 2: 'teams\\it.xlsx' } : undefined,
    );
    expect(edited).toBe(1);
    writeFileSync(hub, data);
    const setup = await discoverMembers([hub]);
    expect(setup.problems).toEqual([]);
    expect(setup.members.find((m) => m.info.key === 'IT')?.file).toBe(path.join(dir, 'teams', 'it.xlsx'));
  });
});
