// `throughline refresh` and `report` over a portfolio: several workbooks (named, in a folder, or listed
// by a hub's Portfolio table) read, computed as one, and written each to its own refreshed copy, all
// or nothing. Members that cannot be read are reported and left alone; the rest go on.
import * as path from 'node:path';
import type { RefreshResult, Report, SheetLink, WorkbookSnapshot } from '../../engine';
import { refreshWorkbook, type RefreshStage } from '../../io/refresh';
import { dayCount, todayDay, isoFromDay } from '../../engine';
import { formatMoney } from '../../engine';
import { PortfolioPort } from '../../portfolio';
import { portfolioViews, type PortfolioViews } from '../../portfolio';
import { portfolioSheets } from '../../portfolio';
import { splitComposite } from '../../portfolio';
import type { MergeResult } from '../../portfolio';
import { FileMember, InputChangedError, type MemberRunner } from '../../io/node/file-member';
import { MemberPool } from '../../io/node/member-pool';
import { collectGarbage } from '../../io/node/collect';
import { WorkbookWriteError } from '../../io/errors';
import { writeBeside, writeFileAtomic } from '../../io/node/xlsx-file';
import { replaceAll, type Locked, type Replacement } from '../../io/node/replace-files';
import { rm } from 'node:fs/promises';
import { buildOwnedSheetsWorkbook } from '../../io/xlsx/build';
import { cannotRefresh, makeReport } from './report-output';
import { numberFormatAt } from '../../io/xlsx/number-format';
import { openXlsxFile } from '../../io/node/xlsx-file';
import { failOnReason, topRisks, whatIfLines } from './summary';
import { locateTables } from '../../engine';
import { UsageError, type RefreshArgs, type ReportArgs } from './args';
import type { MemberSetup } from './portfolio-members';
import type { Io } from './io';
import { defaultOutput } from './outputs';

/** What a refresh wrote: the files replaced, and those left as they were because someone had them open. */
export interface Writes {
  written: string[];
  notWritten: Locked[];
}

const MODIFY_PASSWORD =
  'it asks for a password to modify (File › Save As › Tools › General Options), which Throughline cannot give; ' +
  'refresh it without --in-place to get a copy';

const NOTHING_WRITTEN: Writes = { written: [], notWritten: [] };

/** The engine's report with each item's and error's workbook told apart from its sheet. */
export function portfolioReport(report: Report, merge: MergeResult, views: PortfolioViews, writes = NOTHING_WRITTEN) {
  const where = (sheet: string) => {
    const split = splitComposite(sheet);
    return split ? { workbook: split.label, sheet: split.sheet } : { workbook: null, sheet };
  };
  return {
    ...report,
    items: report.items.map((i) => ({ ...i, ...where(i.sheet) })),
    errors: report.errors.map((e) => ({ ...e, ...where(e.sheet) })),
    members: views.teams.map((t) => ({
      key: t.info.key,
      workbook: t.info.label,
      read: t.unavailable === null,
      reason: t.unavailable,
      latestCheckIn: t.latestCheckIn,
      dataAgeDays: t.dataAgeDays,
    })),
    notes: merge.notes,
    teams: views.teams.map((t) => ({
      key: t.info.key,
      objectives: t.objectives,
      items: t.work,
      stale: t.stale,
      flagged: t.flagged,
      errors: t.errors,
      valueAtStake: t.valueAtStake,
    })),
    pushes: views.pushes,
    ...writesJson(writes),
  };
}

/** What was written, as --json lists it (last in the report). */
function writesJson(writes: Writes) {
  return { written: writes.written, notWritten: writes.notWritten.map((l) => ({ file: l.target, reason: l.reason })) };
}

/** The summary's lines but what was written (writesLines adds those once the files are in place). */
function summaryLines(setup: MemberSetup, result: RefreshResult, views: PortfolioViews, merge: MergeResult): string[] {
  const s = result.report.summary;
  const o = s.objectives;
  const keyWidth = Math.max(8, ...views.teams.map((t) => t.info.key.length));
  const labelWidth = Math.max(24, ...views.teams.map((t) => t.info.label.length));
  const lines = [
    `Throughline portfolio: ${setup.members.length} workbooks as of ${result.report.asOf}`,
    ...views.teams.map((t) => {
      const status =
        t.unavailable !== null
          ? `NOT READ: ${t.unavailable}`
          : t.latestCheckIn
            ? `data up to ${t.latestCheckIn}`
            : 'no check-ins yet';
      return `  ${t.info.key.padEnd(keyWidth)} ${t.info.label.padEnd(labelWidth)} ${status}`;
    }),
    '',
    `Objectives  ${o.Green} Green · ${o.Amber} Amber · ${o.Red} Red · ${o.Grey} Grey`,
    `Value       ${formatMoney(s.valueAtStake)} at stake · ${formatMoney(s.valueAtRisk)} at risk`,
    `Review      ${s.flagged} items flagged · ${s.stale} stale · ${s.errors} data errors`,
  ];
  if (views.pushes.length > 0) {
    lines.push('', 'Across teams:');
    for (const p of views.pushes.slice(0, 8)) {
      lines.push(
        `  ${p.from} → ${p.to}: ${p.items.length} pushed, up to ${dayCount(p.maxDays)}` +
          (p.valueExposed ? `, ${formatMoney(p.valueExposed)} exposed` : ''),
      );
    }
  }
  const top = topRisks(
    result.report.items.filter((i) => i.kind !== 'objective'),
    6,
  );
  if (top.length > 0) {
    lines.push('', 'Top risks:');
    for (const item of top) {
      const book = splitComposite(item.sheet)?.label ?? '';
      lines.push(`  ${item.health.padEnd(5)} ${item.id.padEnd(12)} ${item.name.slice(0, 40)} (${book})`);
      if (item.drivers[0]) lines.push(`        ${item.drivers.join('; ').slice(0, 120)}`);
    }
  }
  for (const note of merge.notes.slice(0, 5)) lines.push(`Note: ${note}`);
  if (merge.notes.length > 5) lines.push(`…and ${merge.notes.length - 5} more notes (--json lists them all).`);
  if (result.report.errors.length > 0) {
    lines.push('', `Data errors (${result.report.errors.length}):`);
    for (const e of result.report.errors.slice(0, 5))
      lines.push(`  ${e.sheet}!${e.cell}  ${e.code}: ${e.message.slice(0, 110)}`);
  }
  lines.push(...whatIfLines(result.report));
  return lines;
}

function writesLines(writes: Writes): string[] {
  const lines: string[] = [];
  if (writes.written.length > 0) lines.push('', `Written: ${writes.written.join(', ')}`);
  if (writes.notWritten.length > 0) {
    lines.push(`Not written (an open or locked file is written by the next refresh once it is closed):`);
    for (const l of writes.notWritten) lines.push(`  ${l.target}: ${l.reason}`);
  }
  return lines;
}

/** What the command prints once the files are in place, and whether --fail-on stops it. */
interface Outcome {
  text(writes: Writes): string;
  failed: string | null;
}

/**
 * The output made from the engine's result before anything is written, so that the result can go: at a
 * million rows its report is about a gigabyte (every item's flags, drivers and reach), and the writing
 * that follows needs only the plan (docs/benchmarks.md, issue 23). --json is serialised here, what was
 * written added at its end as JSON.stringify would have put it.
 */
function outcomeOf(
  args: RefreshArgs,
  setup: MemberSetup,
  result: RefreshResult,
  views: PortfolioViews,
  merge: MergeResult,
): Outcome {
  const failed = args.failOn ? failOnReason(result.report, args.failOn) : null;
  if (args.json) {
    const head = JSON.stringify(portfolioReport(result.report, merge, views), null, 2);
    const body = head.slice(0, head.lastIndexOf(',\n  "written": ['));
    return {
      failed,
      // The tail's keys at the same depth as the report's: "{\n" dropped, the rest as it would be.
      text: (writes) => `${body},\n${JSON.stringify(writesJson(writes), null, 2).slice(2)}\n`,
    };
  }
  const lines = summaryLines(setup, result, views, merge);
  return { failed, text: (writes) => [...lines, ...writesLines(writes)].join('\n') + '\n' };
}

export async function runPortfolioRefresh(args: RefreshArgs, setup: MemberSetup, io: Io): Promise<number> {
  if (args.out !== null)
    throw new UsageError(
      '--out names one workbook; a portfolio writes each member beside itself (or --in-place) ' +
        'and --portfolio-out for the portfolio workbook',
    );
  if (setup.problems.length > 0) throw new UsageError(setup.problems.join('; '));
  // Each team's baseline is its own agreement: it is set workbook by workbook, never for all at once.
  if (args.setBaseline !== null)
    throw new UsageError(
      "--set-baseline records one workbook's plan; run it on each team's workbook on its own (the portfolio keeps each one's baseline)",
    );
  if (args.portfolioOut) checkPortfolioOut(args.portfolioOut, setup, args.inPlace);
  // Workers read the members, then go (their heaps with them) while the engine runs; new ones write.
  const readers = MemberPool.for(setup.members.length);
  const writers = lazyPool(setup.members.length);
  try {
    return await refreshWith(
      { read: readers.read.bind(readers), write: (...a) => writers.get().write(...a) },
      () => readers.close(),
      args,
      setup,
      io,
    );
  } finally {
    await readers.close();
    await writers.close();
  }
}

/** The portfolio workbook is a new file of its own: never a member, nor a member's refreshed copy. */
function checkPortfolioOut(out: string, setup: MemberSetup, inPlace: boolean): void {
  if (path.extname(out).toLowerCase() !== '.xlsx')
    throw new UsageError(
      '--portfolio-out writes a workbook without macros, which Excel opens only as .xlsx; ' +
        `name it ${path.basename(out, path.extname(out))}.xlsx`,
    );
  const target = path.resolve(out);
  for (const m of setup.members) {
    const own = path.resolve(m.file);
    const copy = path.resolve(inPlace ? m.file : defaultOutput(m.file));
    if (target === own)
      throw new UsageError(`--portfolio-out names ${m.file}, a workbook of the portfolio; choose another file`);
    if (target === copy)
      throw new UsageError(
        `--portfolio-out names ${out}, where the refreshed copy of ${m.file} goes; choose another file`,
      );
  }
}

/** A pool made on first use. */
function lazyPool(members: number) {
  let pool: ReturnType<typeof MemberPool.for> | null = null;
  return { get: () => (pool ??= MemberPool.for(members)), close: async () => pool?.close() };
}

/** Excel opens each member's copy only under the extension its macros call for. */
function checkKinds(writable: FileMember[]): void {
  for (const m of writable) {
    const wanted = m.kind === 'xlsm' ? '.xlsm' : '.xlsx';
    if (path.extname(m.output).toLowerCase() !== wanted)
      throw new UsageError(
        `${m.file} holds ${m.kind === 'xlsm' ? 'macros' : 'no macros'}, so Excel only opens it as ${wanted}`,
      );
  }
}

async function refreshWith(
  runner: MemberRunner,
  readDone: () => Promise<void>,
  args: RefreshArgs,
  setup: MemberSetup,
  io: Io,
): Promise<number> {
  const members = setup.members.map(
    (m) => new FileMember(m.info, m.file, args.inPlace ? m.file : defaultOutput(m.file), runner),
  );
  let read = 0;
  const port = new PortfolioPort(members, {
    hub: setup.hub,
    onMemberRead: (info, ok) =>
      io.stderr(`[${++read}/${members.length}] ${info.label} ${ok ? 'read' : 'could not be read'}\n`),
    // One member more than there are workers: the next member's plan is ready when a worker is free,
    // and only that many members' plans are held at once.
    writeConcurrency: MemberPool.sizeFor(members.length) + 1,
    consumePlan: true,
  });
  const outputOf = new Map(members.map((m) => [m.info.key, m.output]));
  const relativeFrom = (from: string) => (key: string) =>
    path
      .relative(path.dirname(path.resolve(from)), path.resolve(outputOf.get(key)!))
      .split(path.sep)
      .join('/');
  const options = (snapshot: WorkbookSnapshot) => ({
    today: io.today ? io.today() : todayDay(),
    settings: args.asOf === null ? {} : { asOf: args.asOf },
    delays: portfolioDelays(args.delays, snapshot, port.merge!),
  });
  let views: PortfolioViews | null = null;
  // Every file is written beside its target first; the portfolio workbook too. Only when all are
  // written and no input moved are they renamed into place, all of them or none (replace-files.ts),
  // leaving out only the files someone has open (commit, below).
  const replacements: Replacement[] = [];
  // What the refresh ends with: the output made before writing (the result goes), or the result of a
  // refresh that stopped, which writes nothing.
  const kept: { outcome: Outcome | null; stopped: RefreshResult | null } = { outcome: null, stopped: null };
  try {
    // keep: false lets the merged rows go once the engine has read them (a million rows are hundreds
    // of megabytes), and the result once beforeWrite has made the output from it.
    await refreshWorkbook(port, options, {
      keep: false,
      onStage: async (stage) => {
        if (stage === 'computing') await readDone();
        // The engine's result has gone (beforeWrite made the output from it): its heap is freed before
        // the writing workers start, instead of at V8's next collection, which may not come before the end.
        if (stage === 'writing') await collectGarbage();
      },
      beforeWrite: async (computed) => {
        // The rows were the engine's to read; what is written comes from its plan.
        port.releaseSnapshot();
        // The portfolio's list of every risk is only for the portfolio sheets (the hub's, --portfolio-out).
        views = portfolioViews(computed, port.merge!, { risks: setup.hub !== null || args.portfolioOut !== null });
        if (computed.plan === null) {
          kept.stopped = computed;
          return;
        }
        if (setup.hub !== null)
          port.setExtraSheets(new Map([[setup.hub, portfolioSheets(views, relativeFrom(outputOf.get(setup.hub)!))]]));
        checkKinds(members.filter((m) => !port.merge!.unavailable.has(m.info.key)));
        kept.outcome = outcomeOf(args, setup, computed, views, port.merge!);
        await io.beforeWrite?.();
      },
    });
    if (kept.outcome) {
      if (args.portfolioOut) {
        const out = args.portfolioOut;
        const sheets = portfolioSheets(views!, relativeFrom(out));
        replacements.push({
          temp: await writeBeside(out, () => buildOwnedSheetsWorkbook(sheets, { creator: 'Throughline' })),
          target: out,
        });
      }
      for (const m of members) await m.verify();
    }
  } catch (e) {
    for (const m of members) await m.discard();
    for (const r of replacements) await rm(r.temp, { force: true }).catch(() => undefined);
    if (e instanceof InputChangedError) throw new WorkbookWriteError(e.message, { cause: e });
    throw e;
  }
  const { outcome, stopped } = kept;
  if (stopped !== null) {
    if (args.json) io.stdout(JSON.stringify(portfolioReport(stopped.report, port.merge!, views!), null, 2) + '\n');
    io.stderr(cannotRefresh('the portfolio', stopped.fatal));
    return 1;
  }
  if (outcome === null) throw new Error('the portfolio refresh computed nothing');
  // Excel would not save over a workbook that asks for a password to modify, and neither does a
  // refresh in place: its copy is dropped and it is reported as not written (the others are written).
  const guarded = args.inPlace ? members.filter((m) => m.modifyPassword && m.replacement() !== null) : [];
  for (const m of guarded) await m.discard();
  const refused = guarded.map((m) => ({ target: m.output, reason: MODIFY_PASSWORD }));
  replacements.unshift(...members.flatMap((m) => m.replacement() ?? []));
  members.forEach((m) => m.settled());
  const writes = await commit(replacements, refused, io);
  io.stdout(outcome.text(writes));
  if (outcome.failed) {
    io.stderr(outcome.failed + '\n');
    return 1;
  }
  return 0;
}

/**
 * Replaces the files together, but those someone has open: each of those is left as it was and said on
 * stderr, and the refresh still succeeds for the rest (docs/decisions.md, "Scheduled refreshes"). With
 * every file open, nothing was written: that is a failure.
 */
async function commit(replacements: Replacement[], refused: Locked[], io: Io): Promise<Writes> {
  const { locked } = await replaceAll(replacements, { skipLocked: true });
  const left = new Set(locked.map((l) => l.target));
  const written = replacements.map((r) => r.target).filter((t) => !left.has(t));
  const notWritten = [...refused, ...locked];
  if (written.length === 0 && notWritten.length > 0)
    throw new WorkbookWriteError(
      `No file could be written:\n${notWritten.map((l) => `  - ${l.target}: ${l.reason}`).join('\n')}\n` +
        'Nothing was written.',
    );
  for (const l of refused) io.stderr(`Not written: ${l.target}: ${l.reason}. The other files were written.\n`);
  for (const l of locked)
    io.stderr(
      `Not written: ${l.target}: ${l.reason}. The other files were written; refresh again once it is closed.\n`,
    );
  return { written, notWritten };
}

/**
 * --delay IDs as the portfolio knows them: `TEAM:ID` as given (the team key in any case), and a plain
 * ID as the one member's item that has it; a plain ID two members have is refused, naming both.
 */
export function portfolioDelays(
  delays: { id: string; days: number }[],
  snapshot: WorkbookSnapshot,
  merge: MergeResult,
): { id: string; days: number }[] {
  if (delays.length === 0) return delays;
  const keys = merge.members.map((m) => m.key);
  const present = new Set<string>();
  for (const t of locateTables(snapshot)) {
    const at = t.kind === 'kpis' || t.kind === 'initiatives' ? t.match.fields.get('id') : undefined;
    if (at === undefined) continue;
    for (const row of t.rows) if (typeof row[at] === 'string') present.add(row[at].trim());
  }
  return delays.map((d) => {
    const colon = d.id.indexOf(':');
    if (colon > 0) {
      const key = keys.find((k) => k.toUpperCase() === d.id.slice(0, colon).trim().toUpperCase());
      return key ? { ...d, id: `${key}:${d.id.slice(colon + 1).trim()}` } : d;
    }
    const owners = keys.filter((k) => present.has(`${k}:${d.id}`));
    if (owners.length > 1)
      throw new UsageError(
        `--delay ${d.id}: ${owners.map((k) => `${k}:${d.id}`).join(' and ')} both exist; ` +
          `name the team, as in --delay ${owners[0]}:${d.id}=${d.days}`,
      );
    return owners.length === 1 ? { ...d, id: `${owners[0]}:${d.id}` } : d;
  });
}

export async function runPortfolioReport(args: ReportArgs, setup: MemberSetup, io: Io): Promise<number> {
  if (setup.problems.length > 0) throw new UsageError(setup.problems.join('; '));
  const pool = MemberPool.for(setup.members.length);
  const members = setup.members.map((m) => new FileMember(m.info, m.file, m.file, pool));
  const port = new PortfolioPort(members, { hub: setup.hub });
  const today = io.today ? io.today() : todayDay();
  const options = { today, settings: args.asOf === null ? {} : { asOf: args.asOf } };
  // The workers are done once every member is read: close them before computing.
  const closeAfterReading = (stage: RefreshStage) => (stage === 'computing' ? pool.close() : undefined);
  const result = await refreshWorkbook(port, options, { write: false, onStage: closeAfterReading }).finally(() =>
    pool.close(),
  );
  if (result.plan === null && result.fatal.some((e) => e.code !== 'protected-sheet')) {
    io.stderr(cannotRefresh('the portfolio', result.fatal));
    return 1;
  }
  const views = portfolioViews(result, port.merge!);
  const first = setup.members[0].file;
  const output = args.out ?? path.join(path.dirname(first), 'portfolio.status.html');
  const made = await makeReport(args.format, result, {
    source: `${setup.members.length} workbooks`,
    generated: isoFromDay(today),
    portfolio: views,
    numberFormat: (cell) => memberNumberFormat(setup, cell),
    locale: io.locale,
  });
  await writeFileAtomic(output, async () => made.data);
  io.stdout(
    `Wrote ${output}: ${args.format === 'pptx' ? `${made.what}, ` : ''}as of ${result.report.asOf}, ` +
      `${setup.members.length} workbooks, ${views.pushes.length} team-to-team pushes.\n`,
  );
  return 0;
}

/** A member's cell ("[emea.xlsx]Objectives!G3" as the portfolio names it), read from that member's file. */
async function memberNumberFormat(setup: MemberSetup, cell: SheetLink): Promise<string | null> {
  const where = splitComposite(cell.sheet);
  const member = where && setup.members.find((m) => m.info.label === where.label);
  if (!where || !member) return null;
  return numberFormatAt(await openXlsxFile(member.file), { sheet: where.sheet, cell: cell.cell });
}
