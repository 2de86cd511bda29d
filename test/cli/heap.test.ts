// Which runs of the command line restart node with the heap settings of heap.ts (bin/throughline.js).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { HEAP_FLAGS, RESTARTED, heapEnv, heapFlagsFor } from '../../src/apps/cli/heap';

const large = (arg: string) => arg === 'big.xlsx' || arg === 'folder';

describe('heapFlagsFor', () => {
  const cases: { name: string; argv: string[]; execArgv?: string[]; env?: Record<string, string>; flags: boolean }[] = [
    { name: 'refresh of a large workbook', argv: ['refresh', 'big.xlsx', '--out', 'o.xlsx'], flags: true },
    { name: 'report of a large workbook', argv: ['report', 'big.xlsx'], flags: true },
    { name: 'a portfolio folder', argv: ['refresh', 'folder', '--portfolio-out', 'p.xlsx'], flags: true },
    { name: 'a small workbook', argv: ['refresh', 'small.xlsx'], flags: false },
    {
      name: 'a large file named only as an option',
      argv: ['refresh', 'small.xlsx', '--out', '-big.xlsx'],
      flags: false,
    },
    { name: '--help', argv: ['--help'], flags: false },
    { name: 'no command', argv: [], flags: false },
    { name: 'an unknown command', argv: ['frobnicate', 'big.xlsx'], flags: false },
    { name: 'already restarted', argv: ['refresh', 'big.xlsx'], env: { [RESTARTED]: '1' }, flags: false },
    {
      name: "the user's own heap flag",
      argv: ['refresh', 'big.xlsx'],
      execArgv: ['--max-semi-space-size=16'],
      flags: false,
    },
    {
      name: "the user's own NODE_OPTIONS",
      argv: ['refresh', 'big.xlsx'],
      env: { NODE_OPTIONS: '--trace-warnings --initial-old-space-size=100' },
      flags: false,
    },
    {
      name: 'unrelated NODE_OPTIONS',
      argv: ['refresh', 'big.xlsx'],
      env: { NODE_OPTIONS: '--trace-warnings' },
      flags: true,
    },
  ];
  it.each(cases)('$name', ({ argv, execArgv, env, flags }) => {
    expect(heapFlagsFor(argv, execArgv ?? [], env ?? {}, large)).toEqual(flags ? [...HEAP_FLAGS] : null);
  });

  it('starts with the old generation at 300 MB and a quarter of V8 default inlining budget', () => {
    expect(HEAP_FLAGS).toEqual(['--initial-old-space-size=300', '--max-inlined-bytecode-size-cumulative=230']);
  });

  it('keeps an inlining budget the user set, in execArgv or NODE_OPTIONS, and still sizes the heap', () => {
    const mine = '--max-inlined-bytecode-size-cumulative=460';
    expect(heapFlagsFor(['refresh', 'big.xlsx'], [mine], {}, large)).toEqual(['--initial-old-space-size=300']);
    expect(heapFlagsFor(['refresh', 'big.xlsx'], [], { NODE_OPTIONS: mine }, large)).toEqual([
      '--initial-old-space-size=300',
    ]);
  });

  it('limits malloc arenas unless the user chose a number', () => {
    expect(heapEnv({})).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(heapEnv({ MALLOC_ARENA_MAX: '8' })).toEqual({});
  });

  it('asks the file system by default: a missing file is not large', () => {
    expect(heapFlagsFor(['refresh', '/no/such/file.xlsx'], [], {})).toBeNull();
  });
});

describe('bin/throughline.js on a large file', () => {
  // lib/ is built by the global setup; a megabyte that is not a workbook takes the restart path and fails fast.
  const ROOT = path.join(__dirname, '..', '..');
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-heap-'));
    fs.writeFileSync(path.join(dir, 'big.xlsx'), Buffer.alloc(1_200_000, 0x41));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs the command once, in a process that has the heap flags, with its exit code and messages', () => {
    const probe = path.join(dir, 'probe.js');
    // The child is the same script: what it prints of its own flags shows the restart happened once.
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/throughline.js'), 'refresh', path.join(dir, 'big.xlsx')],
      {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: `--require ${probe}` },
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr.match(/Cannot open .*big\.xlsx: it is not an \.xlsx workbook/g)).toHaveLength(1);
    expect(r.stdout.trim().split('\n')).toEqual(['flags: ', `flags: ${HEAP_FLAGS.join(' ')} arenas 2`]);
  });

  beforeAll(() => {
    fs.writeFileSync(
      path.join(dir, 'probe.js'),
      "process.stdout.write('flags: ' + process.execArgv.filter((f) => f.includes('space') || f.includes('inlined')).join(' ') + " +
        "(process.env.MALLOC_ARENA_MAX ? ' arenas ' + process.env.MALLOC_ARENA_MAX : '') + '\\n');\n",
    );
  });
});
