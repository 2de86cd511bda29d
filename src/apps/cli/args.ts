// Command-line parsing for `throughline`, with commander; usage mistakes become UsageError (exit 2).
import { Command, CommanderError, Option } from 'commander';
import { baselineLabelProblem, dayFromISO } from '../../engine';
import type { Day } from '../../engine';
import * as path from 'node:path';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const NO_COMMAND =
  'expected a command: throughline refresh <in.xlsx> [options], ' +
  'or throughline report <in.xlsx> [--out status.html | deck.pptx] (see --help)';

export type FailOn = 'red' | 'amber' | 'flag';

export interface RefreshArgs {
  command: 'refresh';
  /** The first workbook named; `inputs` holds every one (several make a portfolio). */
  input: string;
  inputs: string[];
  portfolioOut: string | null;
  out: string | null;
  inPlace: boolean;
  asOf: Day | null;
  json: boolean;
  delays: { id: string; days: number }[];
  failOn: FailOn | null;
  /** `--set-baseline LABEL`: record the current plan as this baseline. */
  setBaseline: string | null;
}

export interface ReportArgs {
  command: 'report';
  input: string;
  inputs: string[];
  out: string | null;
  /** Follows --out's extension: .html (the default) or .pptx. */
  format: ReportFormat;
  asOf: Day | null;
}

export type ReportFormat = 'html' | 'pptx';

const FORMATS: Readonly<Record<string, ReportFormat>> = { '.html': 'html', '.htm': 'html', '.pptx': 'pptx' };

/** The format an --out name asks for; no --out is the HTML report, as it always was. */
export function reportFormatOf(out: string | null): ReportFormat {
  if (out === null) return 'html';
  const format = FORMATS[path.extname(out).toLowerCase()];
  if (!format)
    throw new UsageError(
      `--out ${path.basename(out)}: report writes .html (the status report) or .pptx (the board pack, a PowerPoint deck)`,
    );
  return format;
}

function parseAsOf(value: unknown): Day | null {
  if (value === undefined) return null;
  const asOf = dayFromISO(String(value));
  if (asOf === null) throw new UsageError(`--as-of expects a date like 2026-06-30, not "${value}"`);
  return asOf;
}

function parseDelay(text: string): { id: string; days: number } {
  const match = /^(.+)=(-?\d+)$/.exec(text.trim());
  if (!match) throw new UsageError(`--delay expects ID=DAYS (for example INI-7=14), not "${text}"`);
  if (Number(match[2]) < 1)
    throw new UsageError(
      `--delay asks what happens if an item slips: DAYS is a whole number of days, at least 1, not ${match[2]}`,
    );
  return { id: match[1].trim(), days: Number(match[2]) };
}

function parseBaselineLabel(value: unknown): string | null {
  if (value === undefined) return null;
  const problem = baselineLabelProblem(String(value));
  if (problem) throw new UsageError(`--set-baseline: ${problem}`);
  return String(value).trim();
}

/** Parses argv (without node and script). Returns null when help or version was printed. */
export function parseArgs(
  argv: string[],
  out: { stdout: (s: string) => void; stderr: (s: string) => void },
): RefreshArgs | ReportArgs | null {
  if (argv.length === 0) throw new UsageError(NO_COMMAND);
  let result: RefreshArgs | ReportArgs | null = null;
  const program = new Command()
    .name('throughline')
    .description(
      'Roll strategy execution up from an .xlsx workbook: health, dependency slips, impact and review flags.',
    )
    .version(require('../../../package.json').version)
    .exitOverride()
    // Errors are printed once, by main, with the usage line; help and version still go to stdout.
    .configureOutput({ writeOut: out.stdout, writeErr: out.stderr, outputError: () => undefined })
    .showHelpAfterError(false);

  program
    .command('refresh')
    .description(
      'Refresh a workbook, or a portfolio of them: write computed columns and a Risks sheet to a copy (or in place).',
    )
    .argument(
      '<workbooks...>',
      'the workbook to read (.xlsx or .xlsm); several, a folder, or a hub with a Portfolio table make a portfolio',
    )
    .option(
      '--out <file>',
      'where to write the refreshed workbook (default: <in>.refreshed.xlsx beside the input; .xlsm for a macro workbook)',
    )
    .option('--in-place', 'overwrite the input workbook instead of writing a copy', false)
    .option('--portfolio-out <file>', 'a portfolio: also write a workbook of its risks, teams and cross-team pushes')
    .option('--as-of <YYYY-MM-DD>', 'judge the workbook as of this date (default: the Settings table, else today)')
    .option('--json', 'print the full report as JSON on stdout', false)
    .option(
      '--delay <ID=DAYS...>',
      'what-if: delay an item by a number of days (repeatable); nothing is written for it',
    )
    .option(
      '--set-baseline <label>',
      'record the current plan as the baseline LABEL (1–100 characters), dated the as-of date; ' +
        'later refreshes flag goalposts moved since',
    )
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when any item is red, amber-or-red, or flagged').choices([
        'red',
        'amber',
        'flag',
      ]),
    )
    .action((inputs: string[], opts: Record<string, unknown>) => {
      if (opts.out !== undefined && opts.inPlace) throw new UsageError('--out and --in-place cannot be used together');
      const asOf = parseAsOf(opts.asOf);
      const delays = ((opts.delay as string[] | undefined) ?? []).map(parseDelay);
      const setBaseline = parseBaselineLabel(opts.setBaseline);
      result = {
        command: 'refresh',
        input: inputs[0],
        inputs,
        portfolioOut: (opts.portfolioOut as string | undefined) ?? null,
        out: (opts.out as string | undefined) ?? null,
        inPlace: Boolean(opts.inPlace),
        asOf,
        json: Boolean(opts.json),
        delays,
        failOn: (opts.failOn as FailOn | undefined) ?? null,
        setBaseline,
      };
    });

  program
    .command('report')
    .description(
      'Write the self-contained HTML status report, or the board pack (an editable PowerPoint deck) when --out ends ' +
        'in .pptx; the workbook is not changed.',
    )
    .argument('<workbooks...>', 'the workbook to read (.xlsx or .xlsm); several, a folder, or a hub make a portfolio')
    .option(
      '--out <file>',
      'where to write the report: .html for the status report, .pptx for the board pack ' +
        '(default: <in>.status.html beside the input, portfolio.status.html for a portfolio)',
    )
    .option('--as-of <YYYY-MM-DD>', 'judge the workbook as of this date (default: the Settings table, else today)')
    .action((inputs: string[], opts: Record<string, unknown>) => {
      const out = (opts.out as string | undefined) ?? null;
      result = {
        command: 'report',
        input: inputs[0],
        inputs,
        out,
        format: reportFormatOf(out),
        asOf: parseAsOf(opts.asOf),
      };
    });

  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return null;
      throw new UsageError(e.message.replace(/^error: /, ''));
    }
    throw e;
  }
  if (result === null) throw new UsageError(NO_COMMAND);
  return result;
}
