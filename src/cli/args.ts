// Command-line parsing for `throughline`, with commander; usage mistakes become UsageError (exit 2).
import { Command, CommanderError, Option } from 'commander';
import { dayFromISO } from '../engine/parse/values';
import type { Day } from '../engine/types';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type FailOn = 'red' | 'amber' | 'flag';

export interface RefreshArgs {
  input: string;
  out: string | null;
  inPlace: boolean;
  asOf: Day | null;
  json: boolean;
  delays: { id: string; days: number }[];
  failOn: FailOn | null;
}

function parseDelay(text: string): { id: string; days: number } {
  const match = /^(.+)=(-?\d+)$/.exec(text.trim());
  if (!match) throw new UsageError(`--delay expects ID=DAYS (for example INI-7=14), not "${text}"`);
  return { id: match[1].trim(), days: Number(match[2]) };
}

/** Parses argv (without node and script). Returns null when help or version was printed. */
export function parseArgs(argv: string[], out: { stdout: (s: string) => void; stderr: (s: string) => void }): RefreshArgs | null {
  if (argv.length === 0) throw new UsageError('expected a command: throughline refresh <in.xlsx> [options] (see --help)');
  let result: RefreshArgs | null = null;
  const program = new Command()
    .name('throughline')
    .description('Roll strategy execution up from an .xlsx workbook: health, dependency slips, impact and review flags.')
    .version(require('../../package.json').version)
    .exitOverride()
    .configureOutput({ writeOut: out.stdout, writeErr: out.stderr })
    .showHelpAfterError(false);

  program
    .command('refresh')
    .description('Refresh a workbook: write computed columns and a Risks sheet to a copy (or in place).')
    .argument('<in.xlsx>', 'the workbook to read')
    .option('--out <file>', 'where to write the refreshed workbook (default: <in>.refreshed.xlsx beside the input)')
    .option('--in-place', 'overwrite the input workbook instead of writing a copy', false)
    .option('--as-of <YYYY-MM-DD>', 'judge the workbook as of this date (default: the Settings table, else today)')
    .option('--json', 'print the full report as JSON on stdout', false)
    .option('--delay <ID=DAYS...>', 'what-if: delay an item by a number of days (repeatable); nothing is written for it')
    .addOption(new Option('--fail-on <level>', 'exit 1 when any item is red, amber-or-red, or flagged').choices(['red', 'amber', 'flag']))
    .action((input: string, opts: Record<string, unknown>) => {
      if (opts.out !== undefined && opts.inPlace) throw new UsageError('--out and --in-place cannot be used together');
      let asOf: Day | null = null;
      if (opts.asOf !== undefined) {
        asOf = dayFromISO(String(opts.asOf));
        if (asOf === null) throw new UsageError(`--as-of expects a date like 2026-06-30, not "${opts.asOf}"`);
      }
      const delays = ((opts.delay as string[] | undefined) ?? []).map(parseDelay);
      result = {
        input,
        out: (opts.out as string | undefined) ?? null,
        inPlace: Boolean(opts.inPlace),
        asOf,
        json: Boolean(opts.json),
        delays,
        failOn: (opts.failOn as FailOn | undefined) ?? null,
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
  if (result === null) throw new UsageError('expected a command: throughline refresh <in.xlsx> [options] (see --help)');
  return result;
}
