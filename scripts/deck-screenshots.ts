// Pictures of the board pack for the README, drawn by LibreOffice Impress as a reader without
// PowerPoint would see the deck: the example refreshed on 2026-06-02, its deck made on 2026-06-30
// (so "What changed" has something to say), converted to PDF, a few slides turned into PNG.
//   npx ts-node --transpile-only scripts/deck-screenshots.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../src/apps/cli/main';
import { dayFromISO } from '../src/engine';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'docs/screenshots');
/** Slide number → picture name. */
const SLIDES: [number, string][] = [
  [1, 'board-pack-headline'],
  [3, 'board-pack-top-risks'],
  [7, 'board-pack-streams'],
  [8, 'board-pack-changes'],
];

async function run(argv: string[], today: string): Promise<void> {
  const io = { stdout: () => undefined, stderr: (s: string) => process.stderr.write(s), locale: 'en-US' };
  const code = await main(argv, { ...io, today: () => dayFromISO(today)! });
  if (code !== 0) throw new Error(`throughline ${argv.join(' ')} exited ${code}`);
}

(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-deck-shots-'));
  const early = path.join(dir, 'rollout.xlsx');
  await run(
    ['refresh', path.join(ROOT, 'examples/rollout.xlsx'), '--as-of', '2026-06-02', '--out', early],
    '2026-06-02',
  );
  const deck = path.join(dir, 'rollout.pptx');
  await run(['report', early, '--as-of', '2026-06-30', '--out', deck], '2026-06-30');
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${dir}/lo`, '--headless', '--convert-to', 'pdf', '--outdir', dir, deck],
    {
      stdio: 'ignore',
    },
  );
  for (const [slide, name] of SLIDES) {
    const base = path.join(dir, name);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '72',
      '-singlefile',
      '-f',
      String(slide),
      '-l',
      String(slide),
      path.join(dir, 'rollout.pdf'),
      base,
    ]);
    renameSync(`${base}.png`, path.join(OUT, `${name}.png`));
    process.stdout.write(`docs/screenshots/${name}.png\n`);
  }
})().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
