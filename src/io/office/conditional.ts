// Colouring an owned column by conditional formats (ExcelApi 1.6) instead of a fill per cell. A
// Health or Flags column holds a few texts, each always in the same colour ("Red" is always the bad
// fill), scattered down 100,000 rows: per-cell fills cost ~40 bytes a cell on the wire, a rule per
// text costs under a kilobyte for the whole column. Excel.CellValueConditionalFormat with the
// "EqualTo" operator and a text constant (`formula1: '="Red"'`) colours exactly the cells holding that
// text; Excel compares text without regard to case, so texts are grouped case-blind and a group whose
// rows do not all take the same style gets no rule of its own. Such a text may still take one style per
// text of a partner column in the same row (a Flags text whose colour follows the row's Health: the
// engine rates "status-contradicts-data" high where Health is Red, a warning where it is Amber): each
// such pair gets a Custom rule, `=AND(R2="status-contradicts-data",O2="Red")`, its references relative
// to the column's first cell as Excel reads a rule's formula. Rows no rule covers (numbers, rare texts
// such as one row's "data error: …", texts too long for a formula's 255-character constant) keep a
// static fill.
import type { CellStyle, OutValue } from '../../engine';
import { needsTextPrefix } from './cells';

/** Rules per column at most: Excel evaluates each for every cell it covers, so they stay few. */
export const MAX_RULES = 12;
/** A text constant in a formula holds at most 255 characters. */
const RULE_TEXT_LIMIT = 255;

export interface ColourRule {
  /** The text as written (the rule matches it regardless of case). */
  text: string;
  /** With a partner column: the partner's text the row must also hold. */
  partnerText?: string;
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

/** A Custom rule's formula for a text and its partner's, from the A1 addresses of the first row's two cells. */
export const pairFormula = (text: string, cell: string, partnerText: string, partnerCell: string) =>
  `=AND(${cell}${ruleFormula(text)},${partnerCell}${ruleFormula(partnerText)})`;

/** A text a rule can compare: written as it is (no apostrophe), and short enough for a formula. */
const comparable = (v: OutValue): v is string =>
  typeof v === 'string' && v !== '' && v.length <= RULE_TEXT_LIMIT && !needsTextPrefix(v);

type Group = { text: string; partnerText?: string; style: CellStyle | null | 'mixed'; rows: number };

function group(
  groups: Map<string, Group>,
  k: string,
  text: string,
  style: CellStyle | null,
  partnerText?: string,
): void {
  const g = groups.get(k);
  if (!g) groups.set(k, { text, partnerText, style, rows: 1 });
  else {
    g.rows++;
    if (g.style !== style) g.style = 'mixed';
  }
}

/**
 * The rules that colour a column, and the static fills left for the rows they do not cover. Rules go
 * to the texts with the most rows; null when no text is worth a rule.
 */
export function conditionalPlan(
  values: OutValue[],
  styles: (CellStyle | null)[],
  /** The values of a partner column in the same rows. */
  partner?: OutValue[],
): ConditionalPlan | null {
  const groups = new Map<string, Group>();
  values.forEach((v, i) => {
    if (comparable(v)) group(groups, v.toLowerCase(), v, styles[i]);
  });
  // The rows of mixed texts, by text and partner text.
  const pairs = new Map<string, Group>();
  if (partner)
    values.forEach((v, i) => {
      const p = partner[i];
      if (!comparable(v) || groups.get(v.toLowerCase())?.style !== 'mixed' || !comparable(p)) return;
      group(pairs, `${v.toLowerCase()}\u0000${p.toLowerCase()}`, v, styles[i], p);
    });
  const rules: ColourRule[] = [...groups.values(), ...pairs.values()]
    .filter((g): g is Group & { style: CellStyle } => g.style !== null && g.style !== 'mixed')
    .sort((a, b) => b.rows - a.rows)
    .slice(0, MAX_RULES)
    .map(({ text, partnerText, style, rows }) =>
      partnerText === undefined ? { text, style, rows } : { text, partnerText, style, rows },
    );
  if (rules.length === 0) return null;
  const single = new Set(rules.filter((r) => r.partnerText === undefined).map((r) => r.text.toLowerCase()));
  const paired = new Set(
    rules
      .filter((r) => r.partnerText !== undefined)
      .map((r) => `${r.text.toLowerCase()}\u0000${r.partnerText!.toLowerCase()}`),
  );
  const residual = styles.map((st, i) => {
    const v = values[i];
    if (!comparable(v)) return st;
    if (single.has(v.toLowerCase())) return undefined;
    const p = partner?.[i] ?? null;
    return comparable(p) && paired.has(`${v.toLowerCase()}\u0000${p.toLowerCase()}`) ? undefined : st;
  });
  return { rules, residual };
}
