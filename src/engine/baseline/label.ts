// What a baseline label may be: something a person can read back in a message and a cell.
import { messages } from '../messages';

export const BASELINE_LABEL_MAX = 100;

/** Why a label cannot be used, or null when it can. Every host asks this before it refreshes. */
export function baselineLabelProblem(label: string): string | null {
  const t = label.trim();
  if (t === '') return messages.baselineLabelEmpty;
  if (t.length > BASELINE_LABEL_MAX) return messages.baselineLabelTooLong(BASELINE_LABEL_MAX, t.length);
  return null;
}
