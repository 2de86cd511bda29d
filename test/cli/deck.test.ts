// `throughline report … --out deck.pptx` as a user runs it, and the decks as LibreOffice Impress draws
// them: every slide renders, and the long tables' last rows are on their pages, not cut off.
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/apps/cli/main';
import { day } from '../support/snapshot';
import { openDeck, pdfPageText, renderPages, tables, writeLongWorkbook } from '../support/deck';

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
    locale: 'en-US',
  });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(path.join(tmpdir(), 'throughline-deck-'));
const decks: string[] = [];

test('report --out deck.pptx writes the board pack and leaves the workbook as it was', async () => {
  const input = path.join(dir, 'plan.xlsx');
  copyFileSync(EXAMPLE, input);
  const before = readFileSync(input);
  const out = path.join(dir, 'plan.pptx');
  const { code, stdout, stderr } = await run('report', input, '--out', out);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(stdout).toBe(
    `Wrote ${out}: board pack of 11 slides, as of 2026-06-30, 0 changes since the last refresh, 9 owners to chase.\n`,
  );
  expect(readFileSync(input).equals(before)).toBe(true);
  const deck = openDeck(readFileSync(out));
  expect(deck.slides).toHaveLength(11);
  expect(deck.slides[0].texts).toContain('$12.5M');
  decks.push(out);
});

test('without --out the report stays HTML', async () => {
  const sub = mkdtempSync(path.join(dir, 'html-'));
  const input = path.join(sub, 'plan.xlsx');
  copyFileSync(EXAMPLE, input);
  expect((await run('report', input)).code).toBe(0);
  expect(readdirSync(sub).sort()).toEqual(['plan.status.html', 'plan.xlsx']);
});

test.each(['deck.pdf', 'deck.ppt', 'deck'])(
  '--out %s is a usage error naming the formats, and nothing is written',
  async (name) => {
    const sub = mkdtempSync(path.join(dir, 'usage-'));
    const input = path.join(sub, 'plan.xlsx');
    copyFileSync(EXAMPLE, input);
    const { code, stderr } = await run('report', input, '--out', path.join(sub, name));
    expect(code).toBe(2);
    expect(stderr).toContain(
      `throughline: --out ${name}: report writes .html (the status report) or .pptx (the board pack`,
    );
    expect(readdirSync(sub)).toEqual(['plan.xlsx']);
  },
);

test('a workbook that cannot be refreshed gives refresh’s error and no deck', async () => {
  const sub = mkdtempSync(path.join(dir, 'bad-'));
  const input = path.join(sub, 'notes.xlsx');
  // A workbook without the required tables: the sheet is prose, as a user's notes would be.
  writeFileSync(
    `${input}.py`,
    `import openpyxl, sys\nwb = openpyxl.Workbook()\nwb.active.title = 'Notes'\nwb.active.append(['Minutes of the steering committee'])\nwb.save(sys.argv[1])\n`,
  );
  require('node:child_process').execFileSync('/usr/bin/python3', [`${input}.py`, input]);
  const refreshed = await run('refresh', input, '--out', path.join(sub, 'out.xlsx'));
  const reported = await run('report', input, '--out', path.join(sub, 'deck.pptx'));
  expect(reported.code).toBe(1);
  expect(refreshed.code).toBe(1);
  expect(reported.stderr).toBe(refreshed.stderr);
  expect(reported.stderr).toMatch(/^Cannot refresh .*notes\.xlsx:\n {2}- .+\nNothing was written\.\n$/s);
  expect(existsSync(path.join(sub, 'deck.pptx'))).toBe(false);
});

test('a portfolio makes one deck with the teams, their data age and the team-to-team matrix', async () => {
  const sub = mkdtempSync(path.join(dir, 'portfolio-'));
  cpSync(path.join(ROOT, 'examples/portfolio'), sub, { recursive: true, filter: (f) => !/\.refreshed\./.test(f) });
  const out = path.join(sub, 'portfolio.pptx');
  const { code, stdout } = await run('report', path.join(sub, 'hub.xlsx'), '--out', out);
  expect(code).toBe(0);
  expect(stdout).toContain('board pack of 13 slides, as of 2026-06-30, 6 workbooks, 3 team-to-team pushes');
  const deck = openDeck(readFileSync(out));
  expect(deck.slides.map((s) => s.title).slice(0, 3)).toEqual([
    'Portfolio board pack',
    'Teams and the age of their data',
    'Across teams: whose slips push whose dates',
  ]);
  const [teams] = tables(deck.slides[1].xml);
  expect(teams[0]).toEqual([
    'Team',
    'Workbook',
    'Objectives R · A · G',
    'Flagged (stale)',
    'Data errors',
    'Value at stake',
    'Data up to',
    'Data age',
  ]);
  expect(teams.find((r) => r[0] === 'PROC')).toEqual([
    'PROC',
    'proc.xlsx',
    '0 · 0 · 0',
    '2 (1)',
    '0',
    '$0',
    '2026-06-20',
    '10 d',
  ]);
  const [matrix] = tables(deck.slides[2].xml);
  expect(matrix[0]).toEqual(['From ↓ / to →', 'HUB', 'PROC', 'IT', 'EMEA', 'AMER', 'APAC']);
  // IT's slips push one EMEA item by 68 days and one APAC item by 34; PROC's push two IT items by 18.
  expect(matrix.find((r) => r[0] === 'IT')).toEqual(['IT', '', '', '–', '1 · 68 d', '', '1 · 34 d']);
  expect(matrix.find((r) => r[0] === 'PROC')).toEqual(['PROC', '', '–', '2 · 18 d', '', '', '']);
  expect(deck.slides[2].notes).toContain('IT → EMEA: 1 items pushed, up to 68 days');
  decks.push(out);
});

test('LibreOffice Impress renders every slide, and no long table loses its last row', async () => {
  const long = path.join(dir, 'long.xlsx');
  writeLongWorkbook(long);
  const out = path.join(dir, 'long.pptx');
  expect((await run('report', long, '--out', out)).code).toBe(0);
  decks.push(out);
  const slides = decks.map((d) => openDeck(readFileSync(d)).slides);
  expect(renderPages(decks, dir)).toEqual(slides.map((s) => s.length));
  // Each table's last row is on its own page of the PDF: the text a renderer drew, not the text we wrote.
  const pdf = path.join(dir, 'long.pdf');
  const longSlides = slides[slides.length - 1];
  longSlides.forEach((slide, i) => {
    const tableIds = slide.texts.filter((t) => /^INI-\d+ /.test(t)).map((t) => t.split(' ')[0]);
    if (tableIds.length === 0) return;
    const page = pdfPageText(pdf, i + 1);
    expect(page).toContain(`${tableIds[tableIds.length - 1]} `);
  });
}, 240_000);
