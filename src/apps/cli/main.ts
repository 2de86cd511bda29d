// `throughline refresh`: read an .xlsx, refresh it with the engine, write a copy (or in place), report.
// Exit codes: 0 refreshed; 1 the workbook could not be refreshed (or --fail-on tripped); 2 usage error.
import * as path from 'node:path';
import { statSync } from 'node:fs';
import { UnknownItemError } from '../../engine';
import { todayDay } from '../../engine';
import { openXlsxFile, writeFileAtomic, writeXlsxFile } from '../../io/node/xlsx-file';
import { refreshWorkbook } from '../../io/refresh';
import { collectGarbage } from '../../io/node/collect';
import { isoFromDay } from '../../engine';
import { cannotRefresh, makeReport } from './report-output';
import { numberFormatAt } from '../../io/xlsx/number-format';
import { distinctTopRisks } from '../../engine';
import { ownersToChase } from '../../engine';
import { WorkbookReadError, WorkbookWriteError, describeError } from '../../io/errors';
import { parseArgs, UsageError, type RefreshArgs, type ReportArgs } from './args';
import { failOnReason, humanSummary } from './summary';
import { discoverMembers } from './portfolio-members';
import type * as Portfolio from './portfolio';
import { progressReporter } from './progress';
import { defaultIo, type Io } from './io';
import { defaultOutput, defaultReportOutput, outputKindProblem } from './outputs';

export { defaultOutput, defaultReportOutput } from './outputs';
export type { Io } from './io';

/** Files above this size get a progress indicator on stderr. */
const PROGRESS_BYTES = 1_000_000;
/** From this size of file a full collection before writing lowers the peak memory (the generated 100,000 rows: 2.5 MB). */
const COLLECT_BYTES = 1_000_000;
/** ...and from this much heap in use (at 100,000 rows the write starts on about 200 MB, 70 MB of it alive). */
const COLLECT_HEAP = 64 * 1024 * 1024;

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
  const workbook = await openXlsxFile(args.input, { readOnTwoThreads: true });
  if (args.inPlace && workbook.modifyPassword) {
    progress(null);
    throw new WorkbookWriteError(
      `Cannot write ${args.input} in place: it asks for a password to modify (File › Save As › Tools › ` +
        'General Options), which Throughline cannot give. Refresh it to a copy with --out. Nothing was written.',
    );
  }
  const wrongKind = outputKindProblem(workbook.kind, output);
  if (wrongKind) {
    progress(null);
    throw new UsageError(wrongKind);
  }
  // Everything to print is decided before writing and printed only once the file is safely written;
  // the rows read and the report are let go of first (at 100,000 rows each is about 100 MB).
  let out = '';
  let failed: string | null = null;
  let writable = false;
  await refreshWorkbook(
    workbook,
    {
      today: io.today ? io.today() : todayDay(),
      settings: args.asOf === null ? {} : { asOf: args.asOf },
      delays: args.delays,
      setBaseline: args.setBaseline,
    },
    {
      keep: false,
      onStage: async (stage) => {
        if (stage !== 'reading') progress(stage); // announced before the file was opened
        // The rows read and the engine's working data are let go of by now (keep: false); on a large
        // workbook they are worth collecting before the write adds its own (a small one: no need).
        if (stage === 'writing' && size >= COLLECT_BYTES) await collectGarbage(COLLECT_HEAP);
      },
      beforeWrite: (result) => {
        if (result.plan === null) {
          progress(null);
          if (args.json) io.stdout(JSON.stringify(result.report, null, 2) + '\n');
          io.stderr(cannotRefresh(args.input, result.fatal));
          return;
        }
        writable = true;
        out = args.json
          ? JSON.stringify(result.report, null, 2) + '\n'
          : humanSummary(args.input, result.report, output, result.plan.risks.sheetName);
        failed = args.failOn ? failOnReason(result.report, args.failOn) : null;
      },
    },
  );
  if (!writable) return 1;
  await writeXlsxFile(workbook, output);
  progress(null);
  io.stdout(out);
  if (failed) {
    io.stderr(failed + '\n');
    return 1;
  }
  return 0;
}

/** `throughline report`: the workbook is read and computed, never written; the report or the deck is. */
async function runReport(args: ReportArgs, io: Io): Promise<number> {
  const output = args.out ?? defaultReportOutput(args.input);
  if (path.resolve(output) === path.resolve(args.input))
    throw new UsageError('--out names the input workbook; choose an .html or a .pptx file');
  const workbook = await openXlsxFile(args.input, { readOnTwoThreads: true });
  const today = io.today ? io.today() : todayDay();
  const options = { today, settings: args.asOf === null ? {} : { asOf: args.asOf } };
  const result = await refreshWorkbook(workbook, options, { write: false });
  // A protected sheet stops a refresh from writing, not a report from reading.
  if (result.plan === null && result.fatal.some((e) => e.code !== 'protected-sheet')) {
    io.stderr(cannotRefresh(args.input, result.fatal));
    return 1;
  }
  const made = await makeReport(args.format, result, {
    source: path.basename(args.input),
    generated: isoFromDay(today),
    numberFormat: async (cell) => numberFormatAt(workbook, cell),
    locale: io.locale,
  });
  await writeFileAtomic(output, async () => made.data);
  const owners = ownersToChase(result.report).length;
  // Impact maps are the HTML report's; at 100,000 rows finding them again costs a quarter of a second.
  const mapped = () => distinctTopRisks(new Map(result.report.items.map((i) => [i.id, i])), result.links, 3).length;
  const risks = args.format === 'html' ? mapped() : 0;
  io.stdout(
    (args.format === 'pptx'
      ? `Wrote ${output}: ${made.what}, as of ${result.report.asOf}, `
      : `Wrote ${output}: as of ${result.report.asOf}, ${risks} top risk${risks === 1 ? '' : 's'} mapped, `) +
      `${result.changes.changes.length} change${result.changes.changes.length === 1 ? '' : 's'} since the last refresh, ` +
      `${owners} owner${owners === 1 ? '' : 's'} to chase.\n`,
  );
  return 0;
}

const USAGE =
  'Usage: throughline refresh <in.xlsx>... [--out <file>] [--in-place] [--portfolio-out <file>] [--as-of YYYY-MM-DD]\n' +
  '                           [--json] [--delay ID=DAYS ...] [--fail-on red|amber|flag] [--set-baseline LABEL]\n' +
  '       throughline report <in.xlsx>... [--out <status.html | deck.pptx>] [--as-of YYYY-MM-DD]\n';

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const args = parseArgs(argv, io);
    if (args === null) return 0;
    // Several workbooks, a folder or a hub with a Portfolio table make a portfolio; one plain workbook does not.
    const setup = await discoverMembers(args.inputs);
    for (const note of setup.notes) io.stderr(`${note}\n`);
    if (setup.members.length > 1 || setup.hub !== null) {
      // Loaded only for a portfolio: one workbook's refresh starts without its modules (about 5 ms).
      const { runPortfolioRefresh, runPortfolioReport } = require('./portfolio') as typeof Portfolio;
      return args.command === 'report'
        ? await runPortfolioReport(args, setup, io)
        : await runPortfolioRefresh(args, setup, io);
    }
    return args.command === 'report' ? await runReport(args, io) : await runRefresh(args, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnknownItemError) {
      io.stderr(`throughline: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof WorkbookReadError || e instanceof WorkbookWriteError) {
      io.stderr(`throughline: ${e.message}\n${/nothing was written/i.test(e.message) ? '' : 'Nothing was written.\n'}`);
      return 1;
    }
    // Anything else is a bug in Throughline, but the user still gets one line, not a stack trace.
    const detail = describeError(e);
    io.stderr(
      `throughline: unexpected error: ${detail}\nNothing was written. Please report this with the workbook if you can.\n`,
    );
    if (process.env.THROUGHLINE_DEBUG && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 1;
  }
}
