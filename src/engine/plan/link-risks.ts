// The Risks sheet's rows for dependencies: one per link at risk ("INI-1 → INI-2"), going to its row.
import type { DependencyReport, Flag, FlagCode, Health, OutValue, Severity, SheetLink } from '../types';
import { linkIso, type LinkState } from '../compute/link-figures';
import { dayCount } from '../format';

/** Flags that belong to a link; the upstream item carries them as well. */
export const LINK_FLAG_CODES: ReadonlySet<FlagCode> = new Set<FlagCode>([
  'commitment-at-risk',
  'need-not-met',
  'uncommitted-dependency',
  'declined-dependency',
]);

/** The link flags in the order commitmentFlags adds them. */
const LINK_CODE_ORDER: readonly FlagCode[] = [
  'declined-dependency',
  'commitment-at-risk',
  'need-not-met',
  'uncommitted-dependency',
];

/**
 * A link's flag list as a bit pattern over LINK_CODE_ORDER, or -1 for a list in any other order or with
 * other codes. Links share a handful of lists, so texts made of a list are made once per pattern.
 */
export function codeBits(flags: readonly Flag[]): number {
  let bits = 0;
  let last = -1;
  for (const f of flags) {
    const k = LINK_CODE_ORDER.indexOf(f.code);
    if (k <= last) return -1;
    bits |= 1 << k;
    last = k;
  }
  return bits;
}

export interface LinkRisk {
  link: LinkState;
  /** The link's row on its Dependencies sheet (the Upstream cell). */
  target: SheetLink;
  upstreamName: string;
  downstreamName: string;
  /** The upstream's owner: the one to chase. */
  owner: string | null;
  value: number;
}

const RANK: Readonly<Record<Severity, number>> = { info: 0, warn: 1, high: 2 };
const HEALTH_SEVERITY: Readonly<Partial<Record<Health, Severity>>> = { Red: 'high', Amber: 'warn' };

/** The figures a person checks the health against. */
export function linkFiguresText(link: LinkState): string {
  return figureParts(link, []).join('');
}

/** The figures text's pieces, ", " between them, pushed onto `parts` (the Risks row adds the flags' texts after them). */
function figureParts(link: LinkState, parts: (string | number)[]): (string | number)[] {
  // Pushed one by one: a closure taking its pieces as rest arguments made an array per figure (ten
  // thousand links at risk at 100k rows).
  const start = parts.length;
  if (link.slack !== null) parts.push('slack ', dayCount(link.slack));
  if (link.latestFinish !== null) {
    if (parts.length > start) parts.push(', ');
    parts.push('latest finish ', linkIso(link.latestFinish));
  }
  if (link.upstreamForecast !== null) {
    if (parts.length > start) parts.push(', ');
    parts.push(link.row.upstream, ' forecast ', linkIso(link.upstreamForecast));
  }
  if (link.push) {
    if (parts.length > start) parts.push(', ');
    parts.push('pushes ', link.row.downstream, ' ', dayCount(link.push));
  }
  return parts;
}

const HEALTH_ISSUE: Readonly<Record<Health, string>> = {
  Red: 'Red dependency',
  Amber: 'Amber dependency',
  Green: 'Green dependency',
  Grey: 'Grey dependency',
};

// The Issue cell of a link with flags: its codes, made once for each list of codes.
const ISSUE_TEXTS: (string | undefined)[] = [];

function issueText(link: LinkState): string {
  const flags = link.flags;
  if (flags.length === 0) return HEALTH_ISSUE[link.health];
  if (flags.length === 1) return flags[0].code;
  const bits = codeBits(flags);
  if (bits >= 0) return (ISSUE_TEXTS[bits] ??= flags.map((f) => f.code).join(', '));
  return flags.map((f) => f.code).join(', ');
}

/** The severity of a link's Risks row, or null when the link is not at risk (Green or Grey, and no flags). */
export function linkRiskSeverity(link: LinkState): Severity | null {
  // A link is at risk when it threatens its downstream's date itself (Red, or no slack left) or its
  // promise (a flag). One Amber only because its upstream is (room to spare) adds nothing to the
  // upstream's own row, so it gets no row of its own.
  let severity =
    link.health === 'Red' || (link.slack !== null && link.slack < 0) ? (HEALTH_SEVERITY[link.health] ?? null) : null;
  for (const f of link.flags) if (severity === null || RANK[f.severity] > RANK[severity]) severity = f.severity;
  return severity;
}

/** The row's cells and severity, or null when the link is not at risk (Green or Grey, and no flags). */
export function linkRiskCells(l: LinkRisk): { severity: Severity; cells: OutValue[] } | null {
  const { link } = l;
  const severity = linkRiskSeverity(link);
  if (severity === null) return null;
  const issue = issueText(link);
  // The Item cell names the link, so its flags' messages are shown without their "INI-1 → INI-3: " lead.
  // The texts are joined, not concatenated: a row keeps each as one flat string until the Risks sheet is
  // written, where + would keep a chain of pieces (one object each) for ten thousand rows.
  const label = [link.row.upstream, ' → ', link.row.downstream].join('');
  const parts = figureParts(link, []);
  for (const said of link.said) {
    if (!said) continue;
    if (parts.length > 0) parts.push('; ');
    parts.push(said);
  }
  const details = parts.join('');
  return {
    severity,
    cells: [
      severity,
      label,
      [l.upstreamName, ' → ', l.downstreamName].join(''),
      'Dependency',
      link.health,
      issue,
      details,
      l.owner,
      l.value || null,
      `${l.target.sheet}!${l.target.cell}`,
    ],
  };
}

/**
 * A link at risk, as the report carries it: it threatens its downstream's date itself (Red, or no
 * slack left) or its promise (a flag). The same rule picks the Risks sheet's link rows.
 */
export function dependencyAtRisk(d: Pick<DependencyReport, 'health' | 'slackDays' | 'flags'>): boolean {
  return d.health === 'Red' || (d.slackDays !== null && d.slackDays < 0) || d.flags.length > 0;
}
