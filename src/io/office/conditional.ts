// Colouring an owned column by conditional formats (ExcelApi 1.6) instead of a fill per cell. A
// Health or Flags column holds a few texts, each always in the same colour ("Red" is always the bad
// fill), scattered down 100,000 rows: per-cell fills cost ~40 bytes a cell on the wire, a rule per
// text costs under a kilobyte for the whole column. Excel.CellValueConditionalFormat with the
// "EqualTo" operator and a text constant (`formula1: '="Red"'`) colours exactly the cells holding that
// text; Excel compares text without regard to case, so texts are grouped case-blind and a group whose
// rows do not all take the same style gets no rule. Rows no rule covers (numbers, rare texts such as
// one row's "data error: …", texts too long for a formula's 255-character constant) keep a static fill.
import type { CellStyle, OutValue } from '../../engine';
import { needsTextPrefix } from './cells';

/** Rules per column at most: Excel evaluates each for every cell it covers, so they stay few. */
export const MAX_RULES = 12;
/** A text constant in a formula holds at most 255 characters. */
const RULE_TEXT_LIMIT = 255;

export interface ColourRule {
  /** The text as written (the rule matches it regardless of case). */
  text: string;
  style: CellStyle;
  /** Rows it covers. */
  rows: number;
}

export interface ConditionalPlan {
  rules: ColourRule[];
  /**
   * Per row: the static fill it still needs once the column's fill is cleared and the rules are in
   * place (null: none), or undefined where a rule colours the cell whatever its own fill.
   */
  residual: (CellStyle | null | undefined)[];
}

/** `formula1` of a rule matching `text`: a text constant, its quotes doubled. */
export const ruleFormula = (text: string) => `="${text.replace(/"/g, '""')}"`;

/**
 * The rules that colour a column, and the static fills left for the rows they do not cover. Rules go
 * to the texts with the most rows; null when no text is worth a rule.
 */
export function conditionalPlan(values: OutValue[], styles: (CellStyle | null)[]): ConditionalPlan | null {
  // Texts by their case-blind key: the style all their rows share, or 'mixed'.
  const groups = new Map<string, { text: string; style: CellStyle | null | 'mixed'; rows: number }>();
  values.forEach((v, i) => {
    if (typeof v !== 'string' || v === '' || v.length > RULE_TEXT_LIMIT || needsTextPrefix(v)) return;
    const k = v.toLowerCase();
    const g = groups.get(k);
    if (!g) groups.set(k, { text: v, style: styles[i], rows: 1 });
    else {
      g.rows++;
      if (g.style !== styles[i]) g.style = 'mixed';
    }
  });
  const rules: ColourRule[] = [...groups.values()]
    .filter((g): g is { text: string; style: CellStyle; rows: number } => g.style !== null && g.style !== 'mixed')
    .sort((a, b) => b.rows - a.rows)
    .slice(0, MAX_RULES);
  if (rules.length === 0) return null;
  const covered = new Set(rules.map((r) => r.text.toLowerCase()));
  const residual = styles.map((st, i) => {
    const v = values[i];
    return typeof v === 'string' && covered.has(v.toLowerCase()) ? undefined : st;
  });
  return { rules, residual };
}
