// A scheduled `throughline refresh <folder> --in-place` over a synced library while someone has one of
// the workbooks open: that workbook is reported and left as it was, the others are written (together),
// and the run still succeeds; with every workbook open nothing is written and it fails. "Open" is told
// as the programs tell it: the owner file Excel or LibreOffice leaves beside the workbook, or the
// system refusing to move the file (Windows' sharing violation, a read-only or immutable file).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  promises,
  readFileSync,
  readdirSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/apps/cli/main';
import { replaceAll } from '../../src/io/node/replace-files';
import { excelOwnerName, libreOfficeOwnerName, ownerFileLock } from '../../src/io/node/locks';
import { day } from '../support/snapshot';
import { partText, rezip } from '../support/zip';

// Each test refreshes a folder of six workbooks, some twice: seconds on a quiet machine, more than jest's
// default 5 s on two cores shared with the rest of the suite.
jest.setTimeout(30_000);

const ROOT = path.join(__dirname, '../..');
const PORTFOLIO = path.join(ROOT, 'examples/portfolio');
const MEMBERS = ['amer.xlsx', 'apac.xlsx', 'emea.xlsx', 'hub.xlsx', 'it.xlsx', 'proc.xlsx'];

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

/** A folder as a synced library holds it: the teams' workbooks and the hub that lists them. */
function library(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-library-'));
  cpSync(PORTFOLIO, dir, { recursive: true, filter: (f) => !/\.refreshed\./.test(f) });
  return dir;
}

const bytes = (dir: string) => Object.fromEntries(MEMBERS.map((f) => [f, readFileSync(path.join(dir, f))]));
/** Throughline's temporary files (`.<name>.tmp-…`, `.<name>.old-…`); owner files are the users'. */
const temporaries = (dir: string) => readdirSync(dir).filter((f) => /^\..*\.(tmp|old)-/.test(f));

/** An owner file as Excel writes one: the display name's length in one byte, the name, then padding. */
function excelOwnerFile(name: string): Buffer {
  const owner = Buffer.alloc(165);
  owner[0] = name.length;
  owner.write(name, 1, 'latin1');
  return owner;
}

function expectWritten(before: Record<string, Buffer>, dir: string, files: string[]) {
  for (const f of files) expect(readFileSync(path.join(dir, f)).equals(before[f])).toBe(false);
}
function expectUntouched(before: Record<string, Buffer>, dir: string, files: string[]) {
  for (const f of files) expect(readFileSync(path.join(dir, f)).equals(before[f])).toBe(true);
}

describe('a folder refreshed in place while a workbook is open', () => {
  test('in Excel (its ~$ owner file beside it): that one is reported and left as it was, the others are written', async () => {
    const dir = library();
    writeFileSync(path.join(dir, '~$emea.xlsx'), excelOwnerFile('A. Okafor'));
    const before = bytes(dir);
    const r = await run('refresh', dir, '--in-place');
    expect(r.code).toBe(0);
    expectUntouched(before, dir, ['emea.xlsx']);
    expectWritten(
      before,
      dir,
      MEMBERS.filter((f) => f !== 'emea.xlsx'),
    );
    const emea = path.join(dir, 'emea.xlsx');
    expect(r.stderr).toContain(
      `Not written: ${emea}: it is open in Excel by A. Okafor (~$emea.xlsx is beside it; ` +
        'if nobody has it open, that file was left by a program that stopped: delete it). ' +
        'The other files were written; refresh again once it is closed.\n',
    );
    expect(r.stdout).toMatch(
      new RegExp(
        'Not written \\(an open or locked file is written by the next refresh once it is closed\\):\n' +
          ' {2}.*emea\\.xlsx: it is open in Excel by A\\. Okafor',
      ),
    );
    expect(r.stdout).toMatch(/Written: .*hub\.xlsx/);
    expect(r.stdout).not.toMatch(/Written: [^\n]*emea\.xlsx/);
    // The owner file is the user's: left alone. Nothing of Throughline's is left behind.
    expect(readFileSync(path.join(dir, '~$emea.xlsx')).equals(excelOwnerFile('A. Okafor'))).toBe(true);
    expect(temporaries(dir)).toEqual([]);
  });

  test('the next run, once it is closed, writes it; the others come out the same as the first run wrote them', async () => {
    const dir = library();
    writeFileSync(path.join(dir, '~$emea.xlsx'), excelOwnerFile('A. Okafor'));
    const original = bytes(dir);
    expect((await run('refresh', dir, '--in-place')).code).toBe(0);
    const first = bytes(dir);
    await promises.rm(path.join(dir, '~$emea.xlsx'));
    const r = await run('refresh', dir, '--in-place', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/Not written/);
    expectWritten(original, dir, ['emea.xlsx']);
    expectUntouched(
      first,
      dir,
      MEMBERS.filter((f) => f !== 'emea.xlsx'),
    );
    // Every item comes out as a run with nothing open computes it. (emea.xlsx's ledger is a generation
    // further on, rightly: to the portfolio its items are new in this run.)
    const clean = await run('refresh', library(), '--in-place', '--json');
    const items = (out: string) =>
      (JSON.parse(out) as { items: { workbook: string }[] }).items.map((i) => ({ ...i, sheet: null }));
    expect(items(r.stdout)).toEqual(items(clean.stdout));
    expect(items(r.stdout).filter((i) => i.workbook === 'emea.xlsx').length).toBeGreaterThan(3);
  });

  test('in LibreOffice (its .~lock file): --json lists what was written and what was not, and why', async () => {
    const dir = library();
    writeFileSync(
      path.join(dir, '.~lock.proc.xlsx#'),
      'Maria Lopez,mlopez,pmo-laptop,07.12.2026 06:58,file:///home/mlopez/.config/libreoffice/4;',
    );
    const before = bytes(dir);
    const r = await run('refresh', dir, '--in-place', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { written: string[]; notWritten: { file: string; reason: string }[] };
    expect(report.notWritten).toEqual([
      {
        file: path.join(dir, 'proc.xlsx'),
        reason: expect.stringMatching(/^it is open in LibreOffice by Maria Lopez \(\.~lock\.proc\.xlsx# is beside it/),
      },
    ]);
    expect(report.written.map((f) => path.basename(f)).sort()).toEqual(MEMBERS.filter((f) => f !== 'proc.xlsx'));
    expectUntouched(before, dir, ['proc.xlsx']);
    expectWritten(
      before,
      dir,
      MEMBERS.filter((f) => f !== 'proc.xlsx'),
    );
  });

  test('on Windows (the rename refused with EBUSY, a sharing violation): reported, the others written', async () => {
    const dir = library();
    const before = bytes(dir);
    const apac = path.join(dir, 'apac.xlsx');
    const rename = promises.rename;
    // Windows refuses to move a workbook Excel holds open; Linux has no such lock, so the refusal is injected.
    const spy = jest.spyOn(promises, 'rename').mockImplementation(async (from, to) => {
      if (path.resolve(String(from)) === apac)
        throw Object.assign(new Error(`EBUSY: resource busy or locked, rename '${from}'`), { code: 'EBUSY' });
      return rename(from, to);
    });
    try {
      const r = await run('refresh', dir, '--in-place');
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        `Not written: ${apac}: it is open in another program (the system refused to replace it).`,
      );
    } finally {
      spy.mockRestore();
    }
    expectUntouched(before, dir, ['apac.xlsx']);
    expectWritten(
      before,
      dir,
      MEMBERS.filter((f) => f !== 'apac.xlsx'),
    );
    expect(temporaries(dir)).toEqual([]);
  });

  // A file that cannot be renamed over, for real: an immutable file (chattr +i; root is stopped too).
  const immutable = (file: string, on: boolean) =>
    spawnSync('chattr', [on ? '+i' : '-i', file], { stdio: 'ignore' }).status === 0;
  const probe = path.join(mkdtempSync(path.join(tmpdir(), 'throughline-chattr-')), 'probe');
  writeFileSync(probe, '');
  const canLock = immutable(probe, true) && immutable(probe, false);

  (canLock ? test : test.skip)(
    'a file the system will not let anyone replace (immutable): reported, the others written',
    async () => {
      const dir = library();
      const before = bytes(dir);
      const it = path.join(dir, 'it.xlsx');
      expect(immutable(it, true)).toBe(true);
      try {
        const r = await run('refresh', dir, '--in-place');
        expect(r.code).toBe(0);
        expect(r.stderr).toContain(
          `Not written: ${it}: the system refused to replace it (EPERM): it is open in another program, read-only, or not yours to change.`,
        );
      } finally {
        immutable(it, false);
      }
      expectUntouched(before, dir, ['it.xlsx']);
      expectWritten(
        before,
        dir,
        MEMBERS.filter((f) => f !== 'it.xlsx'),
      );
      expect(temporaries(dir)).toEqual([]);
    },
  );

  test('a folder of team workbooks without a hub: the same', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-teams-'));
    // Each team's own plan, keyed by its file name (ALPHA, BETA, GAMMA).
    const teams = ['alpha.xlsx', 'beta.xlsx', 'gamma.xlsx'];
    for (const f of teams) copyFileSync(path.join(ROOT, 'examples/rollout.xlsx'), path.join(dir, f));
    writeFileSync(path.join(dir, '~$beta.xlsx'), excelOwnerFile('R. Chen'));
    const before = Object.fromEntries(teams.map((f) => [f, readFileSync(path.join(dir, f))]));
    const r = await run('refresh', dir, '--in-place', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { written: string[]; notWritten: { file: string }[] };
    expect(report.written.map((f) => path.basename(f)).sort()).toEqual(['alpha.xlsx', 'gamma.xlsx']);
    expect(report.notWritten.map((l) => l.file)).toEqual([path.join(dir, 'beta.xlsx')]);
    expectUntouched(before, dir, ['beta.xlsx']);
    expectWritten(before, dir, ['alpha.xlsx', 'gamma.xlsx']);
  });

  // LibreOffice itself holding a workbook open, as a colleague's does: its own lock file, removed on close.
  const hasLibreOffice =
    existsSync('/usr/bin/soffice') &&
    spawnSync('/usr/bin/python3', ['-c', 'import uno'], { stdio: 'ignore' }).status === 0;

  (hasLibreOffice ? test : test.skip)(
    'open in LibreOffice for real: left as it was while open, written by the run after it is closed',
    async () => {
      const dir = library();
      const proc = path.join(dir, 'proc.xlsx');
      const before = bytes(dir);
      const holder = spawn('/usr/bin/python3', [path.join(__dirname, '../support/hold-open.py'), proc], {
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      const closed = new Promise((resolve) => holder.on('exit', resolve));
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('LibreOffice did not open the workbook in 90 s')), 90_000);
          holder.stdout!.on('data', (d: Buffer) => {
            if (d.toString().includes('open')) {
              clearTimeout(timer);
              resolve();
            }
          });
          holder.on('exit', () => reject(new Error('LibreOffice stopped before opening the workbook')));
        });
        expect(readdirSync(dir)).toContain('.~lock.proc.xlsx#');
        const r = await run('refresh', dir, '--in-place');
        expect(r.code).toBe(0);
        expect(r.stderr).toMatch(
          /Not written: .*proc\.xlsx: it is open in LibreOffice by \S+ \(\.~lock\.proc\.xlsx# is beside it/,
        );
        expectUntouched(before, dir, ['proc.xlsx']);
        expectWritten(
          before,
          dir,
          MEMBERS.filter((f) => f !== 'proc.xlsx'),
        );
      } finally {
        holder.stdin!.end('\n');
        await closed;
      }
      expect(readdirSync(dir)).not.toContain('.~lock.proc.xlsx#');
      const again = await run('refresh', dir, '--in-place');
      expect(again.code).toBe(0);
      expect(again.stderr).not.toMatch(/Not written/);
      expectWritten(before, dir, ['proc.xlsx']);
    },
    180_000,
  );

  test('every workbook open: nothing is written and the run fails, saying which and why', async () => {
    const dir = library();
    for (const f of MEMBERS) writeFileSync(path.join(dir, `~$${f}`), excelOwnerFile('Night Shift'));
    const before = bytes(dir);
    const r = await run('refresh', dir, '--in-place');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No file could be written:\n  - ');
    for (const f of MEMBERS) expect(r.stderr).toContain(`${path.join(dir, f)}: it is open in Excel by Night Shift`);
    expect(r.stderr.match(/nothing was written/gi)).toHaveLength(1);
    expect(r.stdout).toBe('');
    expectUntouched(before, dir, MEMBERS);
    expect(temporaries(dir)).toEqual([]);
  });

  test('refreshed copies beside the members (no --in-place): a copy open from last week is the one left alone', async () => {
    const dir = library();
    expect((await run('refresh', dir)).code).toBe(0);
    const copy = path.join(dir, 'hub.refreshed.xlsx');
    const last = readFileSync(copy);
    writeFileSync(path.join(dir, '~$hub.refreshed.xlsx'), excelOwnerFile('Board Pack'));
    // Something changed since: the copies would all change.
    const r = await run('refresh', dir, '--as-of', '2026-07-15');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Not written: ${copy}: it is open in Excel by Board Pack`);
    expect(readFileSync(copy).equals(last)).toBe(true);
  });

  test('the command as cron or Task Scheduler runs it: exit 0, the open workbook on stderr', () => {
    const dir = library();
    writeFileSync(path.join(dir, '~$amer.xlsx'), excelOwnerFile('J. Smith'));
    const before = bytes(dir);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/throughline.js'), 'refresh', dir, '--in-place'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`Not written: ${path.join(dir, 'amer.xlsx')}: it is open in Excel by J. Smith`);
    expectUntouched(before, dir, ['amer.xlsx']);
    expectWritten(
      before,
      dir,
      MEMBERS.filter((f) => f !== 'amer.xlsx'),
    );
  });
});

describe('a folder refreshed in place holding a workbook that asks for a password to modify', () => {
  test('that one is reported and left as it was, the others are written; without --in-place it gets its copy', async () => {
    const dir = library();
    const it = path.join(dir, 'it.xlsx');
    // Excel's General Options › Password to modify: <fileSharing> with the password's hash, before <workbookPr>.
    writeFileSync(
      it,
      rezip(readFileSync(it), {
        'xl/workbook.xml': (xml) =>
          xml.replace(/<workbookPr\b/, '<fileSharing userName="IT" reservationPassword="CC3D"/>$&'),
      }),
    );
    const before = bytes(dir);
    const r = await run('refresh', dir, '--in-place');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Not written: ${it}: it asks for a password to modify`);
    expect(r.stdout).toMatch(/Not written \(.*\):\n {2}.*it\.xlsx: it asks for a password to modify/);
    expectUntouched(before, dir, ['it.xlsx']);
    expectWritten(before, dir, ['amer.xlsx', 'apac.xlsx', 'emea.xlsx', 'hub.xlsx', 'proc.xlsx']);
    expect(temporaries(dir)).toEqual([]);
    expect((await run('refresh', dir)).code).toBe(0);
    expect(partText(readFileSync(path.join(dir, 'it.refreshed.xlsx')), 'xl/workbook.xml')).toContain(
      'reservationPassword="CC3D"',
    );
  }, 180_000);
});

describe('one workbook refreshed in place while it is open', () => {
  test('is not written: exit 1, the reason on stderr, the file as it was', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-one-'));
    const plan = path.join(dir, 'plan.xlsx');
    copyFileSync(path.join(ROOT, 'examples/rollout.xlsx'), plan);
    writeFileSync(path.join(dir, '~$plan.xlsx'), excelOwnerFile('M. Okafor'));
    const before = readFileSync(plan);
    const r = await run('refresh', plan, '--in-place');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `throughline: Cannot write ${plan}: it is open in Excel by M. Okafor (~$plan.xlsx is beside it; ` +
        'if nobody has it open, that file was left by a program that stopped: delete it). Nothing was written.\n',
    );
    expect(readFileSync(plan).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['plan.xlsx', '~$plan.xlsx']);
  });
});

describe('owner files', () => {
  test.each([
    ['a name', excelOwnerFile('A. Okafor'), 'A. Okafor'],
    ['an accented name (Latin-1)', excelOwnerFile('José Müller'), 'José Müller'],
    ['a length past the data', Buffer.from([40, 65, 66]), null],
    ['a zero length', Buffer.alloc(20), null],
    ['control characters', Buffer.from([3, 65, 1, 66]), null],
    ['an empty file', Buffer.alloc(0), null],
  ])('an Excel owner file with %s', (_what, data, name) => {
    expect(excelOwnerName(data)).toBe(name);
  });

  test.each([
    ['Maria Lopez,mlopez,host,07.12.2026 06:58,file:///x;', 'Maria Lopez'],
    [',mlopez,host,07.12.2026 06:58,file:///x;', 'mlopez'],
    [',,host,07.12.2026 06:58,file:///x;', null],
    ['', null],
  ])('a LibreOffice lock file %p names %p', (text, name) => {
    expect(libreOfficeOwnerName(Buffer.from(text))).toBe(name);
  });

  test('an owner file of another workbook does not count, nor does one for a name that only ends the same', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-owner-'));
    writeFileSync(path.join(dir, '~$ea.xlsx'), excelOwnerFile('Someone'));
    writeFileSync(path.join(dir, '~$emea.xlsx.bak'), excelOwnerFile('Someone'));
    expect(await ownerFileLock(path.join(dir, 'emea.xlsx'))).toBeNull();
    writeFileSync(path.join(dir, '~$emea.xlsx'), Buffer.alloc(0));
    expect(await ownerFileLock(path.join(dir, 'emea.xlsx'))).toMatch(
      /^it is open in Excel \(~\$emea\.xlsx is beside it/,
    );
  });

  test('an owner file its program holds so that it cannot be read still counts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-owner-'));
    const owner = path.join(dir, '~$emea.xlsx');
    writeFileSync(owner, excelOwnerFile('Someone'));
    const readFile = promises.readFile;
    const spy = jest.spyOn(promises, 'readFile').mockImplementation(async (file, ...rest) => {
      if (String(file) === owner) throw Object.assign(new Error('EBUSY'), { code: 'EBUSY' });
      return readFile(file, ...(rest as []));
    });
    try {
      expect(await ownerFileLock(path.join(dir, 'emea.xlsx'))).toMatch(
        /^it is open in Excel \(~\$emea\.xlsx is beside it/,
      );
    } finally {
      spy.mockRestore();
    }
  });
});

describe('replaceAll with skipLocked', () => {
  function files() {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-replace-'));
    for (const f of ['a', 'b', 'c']) {
      writeFileSync(path.join(dir, f), `old ${f}`);
      writeFileSync(path.join(dir, `.${f}.new`), `new ${f}`);
    }
    const list = ['a', 'b', 'c'].map((f) => ({ temp: path.join(dir, `.${f}.new`), target: path.join(dir, f) }));
    const text = () =>
      Object.fromEntries(
        readdirSync(dir)
          .sort()
          .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]),
      );
    return { dir, list, text };
  }

  test.each([['EBUSY'], ['EPERM'], ['EACCES']])(
    'a target whose move is refused with %s is left as it was and reported',
    async (code) => {
      const { dir, list, text } = files();
      const rename = promises.rename;
      const spy = jest.spyOn(promises, 'rename').mockImplementation(async (from, to) => {
        if (String(from) === path.join(dir, 'b')) throw Object.assign(new Error(code), { code });
        return rename(from, to);
      });
      try {
        const { locked } = await replaceAll(list, { skipLocked: true });
        expect(locked).toEqual([
          { target: path.join(dir, 'b'), reason: expect.stringContaining('refused to replace it') },
        ]);
      } finally {
        spy.mockRestore();
      }
      expect(text()).toEqual({ a: 'new a', b: 'old b', c: 'new c' });
    },
  );

  test('any other failure still puts every file back, the ones replaced before it included', async () => {
    const { dir, list, text } = files();
    const rename = promises.rename;
    const spy = jest.spyOn(promises, 'rename').mockImplementation(async (from, to) => {
      if (String(from) === path.join(dir, '.c.new')) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      return rename(from, to);
    });
    try {
      await expect(replaceAll(list, { skipLocked: true })).rejects.toThrow(
        /Cannot replace .*c: ENOSPC\. Nothing was written/,
      );
    } finally {
      spy.mockRestore();
    }
    expect(text()).toEqual({ a: 'old a', b: 'old b', c: 'old c' });
  });

  test('without skipLocked a refused move stops everything, as before', async () => {
    const { dir, list, text } = files();
    writeFileSync(path.join(dir, '~$b'), excelOwnerFile('X'));
    const rename = promises.rename;
    const spy = jest.spyOn(promises, 'rename').mockImplementation(async (from, to) => {
      if (String(from) === path.join(dir, 'c')) throw Object.assign(new Error('EBUSY'), { code: 'EBUSY' });
      return rename(from, to);
    });
    try {
      await expect(replaceAll(list)).rejects.toThrow(
        /Cannot replace .*c: the file is open in another program\. Nothing was written/,
      );
    } finally {
      spy.mockRestore();
    }
    expect(text()).toEqual({ a: 'old a', b: 'old b', c: 'old c', '~$b': expect.any(String) });
  });
});

// openpyxl reads what was written and what was not: the written members have their computed columns.
test('what a user opens afterwards: the written members carry Health (auto), the open one does not yet', async () => {
  const dir = library();
  writeFileSync(path.join(dir, '~$it.xlsx'), excelOwnerFile('R. Chen'));
  expect((await run('refresh', dir, '--in-place')).code).toBe(0);
  const headers = (file: string) =>
    execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        'import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\n' +
          'print(any(c.value == "Health (auto)" for ws in wb.worksheets for r in ws.iter_rows(max_row=3) for c in r))',
        file,
      ],
      { encoding: 'utf8' },
    ).trim();
  expect(headers(path.join(dir, 'it.xlsx'))).toBe('False');
  expect(headers(path.join(dir, 'proc.xlsx'))).toBe('True');
});
