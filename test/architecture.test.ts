// The house rules, run by `npm test` so that CI keeps them: the import rules of docs/architecture.md,
// then the two tools `npm run lint` runs (ESLint with the size rules, and Prettier's check).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { checkArchitecture, cycles, MAY_IMPORT, roomOf } from '../scripts/lint/architecture';

const ROOT = path.join(__dirname, '..');

describe('the rooms', () => {
  test('every import keeps the house rules: rooms below, doors, no cycles', () => {
    expect(checkArchitecture(ROOT)).toEqual([]);
  });

  test('the rooms themselves form no cycle', () => {
    const graph = new Map(Object.entries(MAY_IMPORT).map(([room, rooms]) => [room, [...rooms]]));
    expect(cycles(graph)).toEqual([]);
  });

  test('no adapter imports an app; the engine and the portfolio import no adapter or app', () => {
    for (const [room, rooms] of Object.entries(MAY_IMPORT)) {
      if (room.startsWith('io')) expect(rooms.filter((r) => r.startsWith('apps'))).toEqual([]);
      if (room === 'engine' || room === 'portfolio')
        expect(rooms.filter((r) => r.startsWith('apps') || r.startsWith('io/'))).toEqual([]);
    }
  });

  test('a file is placed by its folder', () => {
    expect(roomOf('src/io/office/read.ts')).toBe('io/office');
    expect(roomOf('src/io/refresh.ts')).toBe('io');
    expect(roomOf('src/apps/pane/page/FileApp.tsx')).toBe('apps/pane');
    expect(roomOf('scripts/bench/run.ts')).toBeNull();
  });

  test('the checker finds a cycle of three files, and only it', () => {
    const graph = new Map([
      ['src/a.ts', ['src/b.ts']],
      ['src/b.ts', ['src/c.ts']],
      ['src/c.ts', ['src/a.ts']],
      ['src/d.ts', []],
    ]);
    expect(cycles(graph)).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts']]);
  });
});

function run(bin: string, args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', bin), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('the tools of npm run lint', () => {
  test('ESLint finds nothing (the Office add-in rules, no line over 140 characters, no function over 150 lines)', () => {
    const { status, output } = run('eslint/bin/eslint.js', ['-c', 'eslint.config.mjs', 'src']);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 120_000);

  test('Prettier has nothing to reformat', () => {
    const { status, output } = run('prettier/bin/prettier.cjs', ['--check', '--log-level', 'warn', '.']);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 120_000);
});
