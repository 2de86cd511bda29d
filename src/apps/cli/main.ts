// `throughline refresh`: read an .xlsx, refresh it with the engine, write a copy (or in place), report.
// Exit codes: 0 refreshed; 1 the workbook could not be refreshed (or --fail-on tripped); 2 usage error.
import * as path from 'node:path';
import { statSync } from 'node:fs';
import { UnknownItemError, type RefreshResult } from '../../engine';
import type { WorkbookSnapshot } from '../../engine';
import { todayDay } from '../../engine';
import { openXlsxFile, writeFileAtomic, writeXlsxFile } from '../../io/node/xlsx-file';
import { refresh } from '../../engine';
import { isoFromDay } from '../../engine';
import { statusReportHtml } from '../../present/html-report';
import { distinctTopRisks } from '../../engine';
import { ownersToChase } from '../../engine';
import { WorkbookReadError, WorkbookWriteError } from '../../io/port';
import { parseArgs, UsageError, type RefreshArgs, type ReportArgs } from './args';
import { failOnReason, humanSummary } from './summary';
import { discoverMembers } from './portfolio-members';
import { runPortfolioRefresh, runPortfolioReport } from './portfolio';
import { progressReporter } from './progress';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  today?: () => number;
  isTTY?: boolean;
  /** Called once everything is read and computed, before the first write: where tests change a file on disk. */
  beforeWrite?: () => Promise<void>;
}

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
};

export function defaultOutput(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.refreshed${ext || '.xlsx'}`);
}

/** Files above this size get a progress indicator on stderr. */
const PROGRESS_BYTES = 1_000_000;

async function runRefresh(args: RefreshArgs, io: Io): Promise<number> {
  const output = args.inPlace ? args.input : (args.out ?? defaultOutput(args.input));
  if (args.portfolioOut)
    throw new UsageError(
      '--portfolio-out needs a portfolio: several workbooks, a folder, or a hub workbook with a Portfolio table',
    );
  if (!args.inPlace && path.resolve(output) === path.resolve(args.input)) {
    throw new UsageError('--out names the input workbook; use --in-place to overwrite it');
  }
  let size = 0;
  try {
    size = statSync(args.input).size;
  } catch {
    // fromFile reports a missing or unreadable file in its own words.
  }
  const progress = progressReporter(io, size >= PROGRESS_BYTES);
  progress('reading');
  const workbook = await openXlsxFile(args.input);
  const wrongKind = outputKindProblem(workbook.kind, output);
  if (wrongKind) {
    progress(null);
    throw new UsageError(wrongKind);
  }
  // Read, compute and write in turn, each letting go of what the next does not need: at 100,000 rows
  // the snapshot and the report are each about 100 MB.
  let snapshot: WorkbookSnapshot | null = await workbook.read();
  progress('computing');
  let result: RefreshResult | null = refresh(snapshot, {
    today: io.today ? io.today() : todayDay(),
    settings: args.asOf === null ? {} : { asOf: args.asOf },
    delays: args.delays,
    setBaseline: args.setBaseline,
  });
  snapshot = null;
  if (result.plan === null) {
    progress(null);
    if (args.json) io.stdout(JSON.stringify(result.report, null, 2) + '\n');
    io.stderr(
      `Cannot refresh ${args.input}:\n${result.fatal.map((e) => `  - ${e.message}`).join('\n')}\nNothing was written.\n`,
    );
    return 1;
  }
  // Everything to print is decided now; it is printed only once the file is safely written.
  const out = args.json
    ? JSON.stringify(result.report, null, 2) + '\n'
    : humanSummary(args.input, result.report, output, result.plan.risks.sheetName);
  const reason = args.failOn ? failOnReason(result.report, args.failOn) : null;
  const plan = result.plan;
  result = null;
  progress('writing');
  await workbook.apply(plan);
  await writeXlsxFile(workbook, output);
  progress(null);
  io.stdout(out);
  if (reason) {
    io.stderr(reason + '\n');
    return 1;
  }
  return 0;
}

/** Excel opens an .xlsm only if it is macro-enabled inside, and an .xlsx only if it is not. */
function outputKindProblem(kind: 'xlsx' | 'xlsm', output: string): string | null {
  const ext = path.extname(output).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.xlsm')
    return `Excel opens a workbook by its extension; name the output ${path.basename(output, path.extname(output))}.${kind}`;
  if (kind === 'xlsm' && ext !== '.xlsm')
    return `the workbook holds macros, so Excel only opens it as .xlsm; name the output ${path.basename(output, path.extname(output))}.xlsm`;
  if (kind === 'xlsx' && ext === '.xlsm')
    return `the workbook holds no macros, so Excel refuses it as .xlsm; name the output ${path.basename(output, path.extname(output))}.xlsx`;
  return null;
}

export function defaultReportOutput(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.status.html`);
}

/** `throughline report`: the workbook is read and computed, never written; the HTML is. */
async function runReport(args: ReportArgs, io: Io): Promise<number> {
  const output = args.out ?? defaultReportOutput(args.input);
  if (path.resolve(output) === path.resolve(args.input))
    throw new UsageError('--out names the input workbook; choose an .html file');
  const workbook = await openXlsxFile(args.input);
  const today = io.today ? io.today() : todayDay();
  const result = refresh(await workbook.read(), { today, settings: args.asOf === null ? {} : { asOf: args.asOf } });
  if (result.plan === null && result.fatal.some((e) => e.code !== 'protected-sheet')) {
    io.stderr(
      `Cannot report on ${args.input}:\n${result.fatal.map((e) => `  - ${e.message}`).join('\n')}\nNothing was written.\n`,
    );
    return 1;
  }
  const html = statusReportHtml(result, { source: path.basename(args.input), generated: isoFromDay(today) });
  await writeFileAtomic(output, async () => html);
  const risks = distinctTopRisks(new Map(result.report.items.map((i) => [i.id, i])), result.links, 3).length;
  io.stdout(
    `Wrote ${output}: as of ${result.report.asOf}, ${risks} top risk${risks === 1 ? '' : 's'} mapped, ` +
      `${result.changes.changes.length} change${result.changes.changes.length === 1 ? '' : 's'} since the last refresh, ` +
      `${ownersToChase(result.report).length} owner${ownersToChase(result.report).length === 1 ? '' : 's'} to chase.\n`,
  );
  return 0;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const args = parseArgs(argv, io);
    if (args === null) return 0;
    // Several workbooks, a folder or a hub with a Portfolio table make a portfolio; one plain workbook does not.
    const setup = await discoverMembers(args.inputs);
    for (const note of setup.notes) io.stderr(`${note}\n`);
    if (setup.members.length > 1 || setup.hub !== null) {
      return args.command === 'report'
        ? await runPortfolioReport(args, setup, io)
        : await runPortfolioRefresh(args, setup, io);
    }
    return args.command === 'report' ? await runReport(args, io) : await runRefresh(args, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnknownItemError) {
      io.stderr(
        `throughline: ${e.message}\nUsage: throughline refresh <in.xlsx>... [--out <file>] [--in-place] [--portfolio-out <file>] [--as-of YYYY-MM-DD] [--json] [--delay ID=DAYS ...] [--fail-on red|amber|flag] [--set-baseline LABEL]\n       throughline report <in.xlsx>... [--out <status.html>] [--as-of YYYY-MM-DD]\n`,
      );
      return 2;
    }
    if (e instanceof WorkbookReadError || e instanceof WorkbookWriteError) {
      io.stderr(`throughline: ${e.message}\n${/nothing was written/i.test(e.message) ? '' : 'Nothing was written.\n'}`);
      return 1;
    }
    // Anything else is a bug in Throughline, but the user still gets one line, not a stack trace.
    const detail = e instanceof Error ? e.message : String(e);
    io.stderr(
      `throughline: unexpected error: ${detail}\nNothing was written. Please report this with the workbook if you can.\n`,
    );
    if (process.env.THROUGHLINE_DEBUG && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 1;
  }
}
