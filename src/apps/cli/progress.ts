// A progress indicator on stderr for big files: one updating line on a terminal, plain lines otherwise.
import type { Io } from './io';

const LABELS: Record<string, string> = {
  reading: 'Reading workbook…',
  computing: 'Computing health, dependencies and flags…',
  writing: 'Writing refreshed workbook…',
};

export function progressReporter(io: Io, enabled: boolean): (stage: keyof typeof LABELS | null) => void {
  const started = Date.now();
  let shown = false;
  return (stage) => {
    if (!enabled) return;
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    if (stage === null) {
      if (shown && io.isTTY) io.stderr(`\r\x1b[2K`);
      io.stderr(io.isTTY ? '' : `done in ${elapsed}s\n`);
      return;
    }
    shown = true;
    const step = Object.keys(LABELS).indexOf(stage) + 1;
    const text = `[${step}/3] ${LABELS[stage]} (${elapsed}s)`;
    io.stderr(io.isTTY ? `\r\x1b[2K${text}` : `${text}\n`);
  };
}
