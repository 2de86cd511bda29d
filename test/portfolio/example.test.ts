// The example split over its six teams' workbooks (examples/portfolio), through the command line:
// the same results as the one-workbook example, the cross-team chain only together, all or nothing.
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/apps/cli/main';
import type { ItemReport, Report } from '../../src/engine/types';
import { day } from '../support/snapshot';
import { entries, partText, sheetPartOf } from '../support/zip';

const ROOT = path.join(__dirname, '../..');
const PORTFOLIO = path.join(ROOT, 'examples/portfolio');
const today = day('2026-06-30');

async function run(argv: string[], beforeWrite?: () => Promise<void>) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    today: () => today,
    isTTY: false,
    beforeWrite,
  });
  return { code, stdout, stderr };
}

function copy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-portfolio-'));
  cpSync(PORTFOLIO, dir, { recursive: true, filter: (f) => !/\.refreshed\./.test(f) });
  return dir;
}

const plain = (id: string) => id.replace(/^[A-Z0-9_-]+:/, '');
/** Means over children are summed in another order across workbooks: equal to the last few bits. */
const round = (x: number | null) => (x === null ? null : Math.round(x * 1e9) / 1e9);
const plainText = (text: string) => text.replace(/\b[A-Z0-9_-]+:(?=[A-Z]+-\d+)/g, '');

function comparable(i: ItemReport) {
  return {
    id: plain(i.id),
    kind: i.kind,
    health: i.health,
    ownHealth: i.ownHealth,
    progress: round(i.progress),
    expected: round(i.expected),
    forecastFinish: i.forecastFinish,
    slipDays: i.slipDays,
    confidence: round(i.confidence),
    flags: i.flags.map((f) => ({ code: f.code, severity: f.severity, message: plainText(f.message) })),
    drivers: i.drivers.map(plainText),
    impact: {
      objectives: i.impact.objectives.map(plain).sort(),
      revenueStreams: i.impact.revenueStreams,
      valueExposed: i.impact.valueExposed,
    },
  };
}

describe('the example as six workbooks', () => {
  let one: Report;
  let six: Report & {
    members: { key: string; read: boolean }[];
    notes: string[];
    pushes: { from: string; to: string }[];
  };
  beforeAll(async () => {
    const dir = copy();
    one = JSON.parse(
      (await run(['refresh', path.join(ROOT, 'examples/rollout.xlsx'), '--out', path.join(dir, 'one.xlsx'), '--json']))
        .stdout,
    );
    const result = await run(['refresh', path.join(dir, 'hub.xlsx'), '--json']);
    expect(result.code).toBe(0);
    six = JSON.parse(result.stdout);
  });

  test('computes exactly what the one workbook computes, item by item (IDs aside)', () => {
    expect(six.summary).toEqual(one.summary);
    const byId = (r: Report) => [...r.items].map(comparable).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(six)).toEqual(byId(one));
  });

  test('says where every item lives and what it resolved across workbooks', () => {
    const ini1 = six.items.find((i) => i.id === 'PROC:INI-1') as ItemReport & { workbook: string };
    expect(ini1).toMatchObject({ workbook: 'proc.xlsx', sheet: 'Initiatives', row: 2 });
    expect(six.members.map((m) => [m.key, m.read])).toEqual([
      ['HUB', true],
      ['PROC', true],
      ['IT', true],
      ['EMEA', true],
      ['AMER', true],
      ['APAC', true],
    ]);
    expect(six.notes).toContain(
      'INI-1 in it.xlsx, Dependencies!A4, is PROC:INI-1 in proc.xlsx: resolved across workbooks',
    );
    expect(six.pushes.map((p) => `${p.from}>${p.to}`)).toEqual(expect.arrayContaining(['PROC>IT', 'IT>EMEA']));
  });

  test('the cross-team chain only appears together: without IT and Procurement, EMEA cannot see it', async () => {
    const dir = copy();
    // Alone, a team workbook has no objectives to serve.
    const alone = await run(['refresh', path.join(dir, 'emea.xlsx')]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain('Throughline needs an Objectives table');
    // With the hub but without IT's and Procurement's workbooks, the cut-over is not pushed, and says why it cannot know.
    rmSync(path.join(dir, 'it.xlsx'));
    rmSync(path.join(dir, 'proc.xlsx'));
    const partial = JSON.parse((await run(['refresh', path.join(dir, 'hub.xlsx'), '--json'])).stdout) as Report;
    const cutOver = partial.items.find((i) => i.id === 'EMEA:INI-6')!;
    expect(cutOver.drivers.join(' ')).not.toMatch(/by IT:INI-4/);
    expect(cutOver.drivers.join(' ')).toContain('it depends on IT:INI-4, whose workbook could not be read');
    const together = six.items.find((i) => i.id === 'EMEA:INI-6')!;
    expect(together.drivers.join(' ')).toMatch(/pushed \d+ days by IT:INI-4/);
    expect(together.health).toBe('Red');
  });
});

describe('writing a portfolio', () => {
  test('each member beside itself, the hub with the portfolio sheets, and --portfolio-out with links into each member', async () => {
    const dir = copy();
    const out = path.join(dir, 'portfolio.xlsx');
    const { code, stdout } = await run(['refresh', path.join(dir, 'hub.xlsx'), '--portfolio-out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain('PROC → IT: 2 pushed, up to 18 days');
    expect(
      readdirSync(dir)
        .filter((f) => f.includes('.refreshed.'))
        .sort(),
    ).toEqual(['amer', 'apac', 'emea', 'hub', 'it', 'proc'].map((n) => `${n}.refreshed.xlsx`));
    const it = readFileSync(path.join(dir, 'it.refreshed.xlsx'));
    expect(partText(it, sheetPartOf(it, 'Initiatives'))).toContain('dependency-risk (PROC:INI-1)');
    expect(partText(it, sheetPartOf(it, 'Risks'))).toContain('pushed 18 days by PROC:INI-1');
    const hub = readFileSync(path.join(dir, 'hub.refreshed.xlsx'));
    expect(partText(hub, 'xl/workbook.xml')).toMatch(
      /name="Portfolio Risks".*name="Portfolio Teams".*name="Portfolio Dependencies"/,
    );
    const book = readFileSync(out);
    expect(partText(book, 'xl/workbook.xml')).toMatch(/name="Portfolio Risks"/);
    const rels = partText(book, 'xl/worksheets/_rels/sheet1.xml.rels');
    expect(rels).toContain('Target="proc.refreshed.xlsx" TargetMode="External"');
    expect(partText(book, 'xl/worksheets/sheet1.xml')).toMatch(
      /<hyperlink ref="L2" r:id="rId\d+" location="'Initiatives'!A2"/,
    );
  });

  test('refreshing twice in place leaves every member as the first refresh wrote it', async () => {
    const dir = copy();
    expect((await run(['refresh', path.join(dir, 'hub.xlsx'), '--in-place'])).code).toBe(0);
    const first = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f))]));
    expect((await run(['refresh', path.join(dir, 'hub.xlsx'), '--in-place'])).code).toBe(0);
    for (const [f, bytes] of Object.entries(first))
      expect([f, Buffer.compare(readFileSync(path.join(dir, f)), bytes)]).toEqual([f, 0]);
  });

  test('a folder of workbooks is a portfolio too', async () => {
    const dir = copy();
    const result = await run(['refresh', dir, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).members).toHaveLength(6);
  });
});

describe('members that cannot be read, and files that change', () => {
  test('a corrupt member is reported and not written; those that name it say so, plain IDs it may hold are dangling; the rest are written', async () => {
    const dir = copy();
    writeFileSync(path.join(dir, 'proc.xlsx'), 'PK\u0003\u0004 not really a workbook');
    const result = await run(['refresh', path.join(dir, 'hub.xlsx'), '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.members.find((m: { key: string }) => m.key === 'PROC')).toMatchObject({
      read: false,
      reason: expect.stringMatching(/damaged|not a complete zip/),
    });
    expect(existsSync(path.join(dir, 'proc.refreshed.xlsx'))).toBe(false);
    expect(existsSync(path.join(dir, 'it.refreshed.xlsx'))).toBe(true);
    // EMEA writes PROC:INI-2: the link is unknown, the row kept and its drivers say why.
    const drivers = report.items.flatMap((i: ItemReport) => i.drivers).join(' ');
    expect(drivers).toMatch(/it depends on PROC:INI-2, whose workbook could not be read/);
    type Error = { workbook: string; sheet: string; cell: string; code: string; message: string };
    expect(
      report.errors.filter((e: Error) => e.code === 'source-unavailable').map((e: Error) => `${e.workbook}!${e.sheet}`),
    ).toEqual(expect.arrayContaining(['emea.xlsx!Dependencies']));
    // IT writes plain INI-1, which only proc.xlsx had: no workbook read has it, and no member is guessed.
    expect(report.errors.find((e: Error) => e.workbook === 'it.xlsx' && e.cell === 'A4')).toMatchObject({
      sheet: 'Dependencies',
      code: 'dangling-reference',
      message: expect.stringContaining(
        'Upstream "INI-1" matches no KPI or initiative ID in the workbooks read (hub.xlsx, it.xlsx, emea.xlsx, amer.xlsx, apac.xlsx); proc.xlsx could not be read, and it may be there.',
      ),
    });
    expect(JSON.stringify(report.errors)).not.toContain('PROC:INI-1');
  });

  test('a member the hub lists but that is missing is unavailable; the rest are written', async () => {
    const dir = copy();
    rmSync(path.join(dir, 'amer.xlsx'));
    const result = await run(['refresh', path.join(dir, 'hub.xlsx')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/AMER\s+amer\.xlsx\s+NOT READ: the file does not exist/);
    expect(existsSync(path.join(dir, 'emea.refreshed.xlsx'))).toBe(true);
  });

  test('a member changed on disk between reading and writing: nothing of the portfolio is written', async () => {
    const dir = copy();
    const before = readdirSync(dir).sort();
    const result = await run(['refresh', path.join(dir, 'hub.xlsx'), '--in-place'], async () => {
      copyFileSync(path.join(dir, 'apac.xlsx'), path.join(dir, 'emea.xlsx'));
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${path.join(dir, 'emea.xlsx')} changed on disk while Throughline was refreshing the portfolio; nothing was written`,
    );
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(
      Buffer.compare(readFileSync(path.join(dir, 'hub.xlsx')), readFileSync(path.join(PORTFOLIO, 'hub.xlsx'))),
    ).toBe(0);
  });

  test('the report covers a portfolio', async () => {
    const dir = copy();
    const out = path.join(dir, 'status.html');
    const result = await run(['report', path.join(dir, 'hub.xlsx'), '--out', out]);
    expect(result.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Across teams: whose slips push whose dates');
    expect(html).toMatch(/<td>PROC<\/td><td>IT<\/td><td>2<\/td><td>18<\/td>/);
    expect(Object.keys(entries(readFileSync(path.join(dir, 'hub.xlsx'))))).toContain('xl/workbook.xml');
  });
});
