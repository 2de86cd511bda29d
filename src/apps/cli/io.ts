// What the command line reads from and writes to besides files: its streams, its clock, and a hook for
// tests. One module of its own, so main, the portfolio runs and the progress line all share it.
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  today?: () => number;
  isTTY?: boolean;
  /** The reader's language for numbers in the board pack; the process's own when absent. */
  locale?: string;
  /** Called once everything is read and computed, before the first write: where tests change a file on disk. */
  beforeWrite?: () => Promise<void>;
}

export const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
};
