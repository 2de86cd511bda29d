// Slides 1, 2, 5 and 7: the headline, objectives by health, value by revenue stream, milestone trend.
import {
  dayCount,
  lastCheckIns,
  objectivesByHealth,
  topRisks,
  valueByStream,
  isoFromDay,
  type Health,
} from '../../engine';
import type { ChartShape, SlideSpec, TextRun } from './model';
import { evidence, health, itemText, plain, tableSlides, textBox, type DeckFacts } from './parts';
import { BODY, CARD_FILL, healthMark, INK, MUTED, SERIES, SIZE, STAKE } from './theme';

const HEALTHS: Health[] = ['Red', 'Amber', 'Green', 'Grey'];

/** "5 Red · 1 Amber · 1 Green": the healths that have objectives, worst first. */
export function healthLine(counts: Record<Health, number>, count: (n: number) => string): string {
  const parts = HEALTHS.filter((h) => counts[h] > 0).map((h) => `${count(counts[h])} ${h}`);
  return parts.length > 0 ? parts.join(' · ') : 'No objectives';
}

export function headlineSlide(f: DeckFacts, generated: string): SlideSpec {
  const s = f.report.summary;
  const { money, count } = f.numbers;
  const cut: string[] = [];
  const counts = s.objectives;
  const line: TextRun[] = [];
  HEALTHS.filter((h) => counts[h] > 0).forEach((h, i, all) => {
    line.push({ text: `${count(counts[h])} ${h}`, bold: true, color: healthMark(h), fontPt: SIZE.headline });
    if (i < all.length - 1) line.push({ text: ' · ', color: MUTED, fontPt: SIZE.headline });
  });
  if (line.length === 0) line.push({ text: 'No objectives', fontPt: SIZE.headline, color: INK });
  const cardW = (BODY.w - 2 * 0.3) / 3;
  const card = (i: number, value: string, label: string, name: string) =>
    textBox(
      { x: BODY.x + i * (cardW + 0.3), y: 3.0, w: cardW, h: 1.5 },
      [
        { text: value, bold: true, fontPt: 32, color: INK, breakAfter: true },
        { text: label, fontPt: SIZE.card, color: MUTED },
      ],
      name,
      cut,
      { fill: CARD_FILL, valign: 'top' },
    );
  const review = s.flagged + s.errors;
  const top = topRisks(f.report.items, 1)[0];
  const topLine = top
    ? `Largest exposure: ${itemText(top)}, ${top.health}, ${money.compact(top.impact.valueExposed)} of value reached` +
      `${top.slipDays !== null && top.slipDays > 0 ? `, forecast ${count(top.slipDays)} day${top.slipDays === 1 ? '' : 's'} late` : ''}.`
    : 'No KPI or initiative that serves an objective is Amber or Red.';
  const shapes = [
    textBox(
      { x: BODY.x, y: BODY.y, w: BODY.w, h: 0.55 },
      [{ text: `${f.source} · as of ${f.report.asOf}`, fontPt: 20, color: MUTED }],
      'Workbook and date',
      cut,
    ),
    textBox({ x: BODY.x, y: 1.95, w: BODY.w, h: 0.85 }, line, 'Objectives by health', cut),
    card(0, money.compact(s.valueAtStake), 'value at stake', 'Value at stake'),
    card(1, money.compact(s.valueAtRisk), 'value at risk (Red and Amber objectives)', 'Value at risk'),
    card(
      2,
      count(review),
      `items to review: ${count(s.flagged)} flagged (${count(s.stale)} stale), ${count(s.errors)} data errors`,
      'Items to review',
    ),
    textBox(
      { x: BODY.x, y: 4.85, w: BODY.w, h: 1.0 },
      [{ text: topLine, fontPt: SIZE.body, color: INK }],
      'Top risk',
      cut,
    ),
    textBox(
      { x: BODY.x, y: 6.2, w: BODY.w, h: 0.4 },
      [
        {
          text: `Made by Throughline from the workbook on ${generated}; the workbook was not changed.`,
          fontPt: 12,
          color: MUTED,
        },
      ],
      'Made by',
      cut,
    ),
  ];
  return {
    title: f.portfolio ? 'Portfolio board pack' : 'Board pack',
    shapes,
    notes: [
      `Objectives: ${healthLine(counts, count)}${counts.Grey === 0 ? '' : ' (Grey: not enough data)'}.`,
      `Value at stake ${money.exact(s.valueAtStake)}; at risk ${money.exact(s.valueAtRisk)}: ` +
        'the value of objectives that are Red or Amber, each counted once.',
      `${count(s.flagged)} items carry a review flag (${count(s.stale)} stale); ${count(s.errors)} data errors.`,
      ...(top ? [`Why the top risk is ${top.health}: ${evidence(top)}`] : []),
      ...cut.map((t) => `In full: ${t}`),
    ],
  };
}

/** The deck lists this many objectives; a board reads the top of the tree and what is in trouble. */
export const MOST_OBJECTIVES = 20;
const RANK: Readonly<Record<Health, number>> = { Red: 0, Amber: 1, Grey: 2, Green: 3 };

/** Objectives top of the tree first, then worst health, then most value at stake, then sheet order. */
function boardOrder(f: DeckFacts) {
  const depth = (id: string) => {
    let d = 0;
    for (let up = f.links.serves.get(id); up !== undefined && d < 100; up = f.links.serves.get(up)) d++;
    return d;
  };
  return f.report.items
    .filter((i) => i.kind === 'objective')
    .map((item, order) => ({
      item,
      order,
      depth: depth(item.id),
      value: f.links.objectives.get(item.id)?.valueAtStake ?? 0,
    }))
    .sort(
      (a, b) =>
        a.depth - b.depth || RANK[a.item.health] - RANK[b.item.health] || b.value - a.value || a.order - b.order,
    )
    .map((x) => x.item);
}

export function objectivesSlides(f: DeckFacts): SlideSpec[] {
  const counts = objectivesByHealth(f.report.items);
  const shown = HEALTHS.filter((h) => counts[h] > 0);
  const chartW = 4.3;
  const chart: ChartShape = {
    kind: 'chart',
    box: { x: BODY.x, y: BODY.y, w: chartW, h: 4.2 },
    type: 'doughnut',
    series: [{ name: 'Objectives', labels: shown, values: shown.map((h) => counts[h]) }],
    colors: shown.map(healthMark),
    formatCode: null,
    altText: `Doughnut chart of objectives by health: ${shown.map((h) => `${counts[h]} ${h}`).join(', ') || 'none'}.`,
    name: 'Objectives by health chart',
  };
  const latest = lastCheckIns(f.links);
  const all = boardOrder(f);
  const objectives = all.slice(0, MOST_OBJECTIVES);
  const rest = all.length - objectives.length;
  const { percent } = f.numbers;
  const box = { x: BODY.x + chartW + 0.3, y: BODY.y, w: BODY.w - chartW - 0.3, h: BODY.h };
  return tableSlides({
    title: 'Objectives by health',
    name: 'Objectives table',
    box,
    lead: { shapes: [chart], height: 0 },
    columns: [
      { header: 'Objective', weight: 3.8 },
      { header: 'Owner', weight: 1.6 },
      { header: 'Health', weight: 1.1 },
      { header: 'Progress / expected', weight: 1.7, align: 'right' },
      { header: 'Due', weight: 1.7 },
    ],
    rows: objectives.map((o) => {
      const due = f.links.dates.get(o.id)?.due ?? null;
      return {
        label: o.id,
        cells: [
          plain(itemText(o)),
          plain(o.owner),
          health(o.health),
          plain(
            o.progress === null ? '' : `${percent(o.progress)} / ${o.expected === null ? '–' : percent(o.expected)}`,
          ),
          plain(due === null ? '' : isoFromDay(due)),
        ],
      };
    }),
    after:
      rest > 0
        ? `and ${rest} more objectives, further down the tree or Green: the Objectives sheet has them all.`
        : undefined,
    notes: (rows) =>
      rows.map((r) => {
        const o = objectives[r];
        const last = latest.get(o.id);
        return `${evidence(o)}${last === undefined ? '' : ` Last check-in under it: ${isoFromDay(last)}.`}`;
      }),
  });
}

const MOST_STREAMS = 8;

export function streamsSlide(f: DeckFacts): SlideSpec {
  const all = valueByStream(f.report.items, f.links);
  const rows = all.slice(0, MOST_STREAMS);
  const rest = all.slice(MOST_STREAMS);
  if (rest.length > 0)
    rows.push({
      stream: `${rest.length} more streams`,
      atStake: rest.reduce((s, r) => s + r.atStake, 0),
      atRisk: rest.reduce((s, r) => s + r.atRisk, 0),
    });
  const { money } = f.numbers;
  const largest = Math.max(0, ...rows.map((r) => r.atStake));
  const cut: string[] = [];
  const shapes =
    rows.length === 0
      ? [
          textBox(
            { ...BODY, h: 0.6 },
            [{ text: 'No objective has a Value at Stake.', fontPt: SIZE.body }],
            'No value',
            cut,
          ),
        ]
      : [
          {
            kind: 'chart' as const,
            box: { ...BODY },
            type: 'bar' as const,
            series: [
              { name: 'At stake', labels: rows.map((r) => r.stream), values: rows.map((r) => r.atStake) },
              { name: 'At risk', labels: rows.map((r) => r.stream), values: rows.map((r) => r.atRisk) },
            ],
            colors: [STAKE, healthMark('Red')],
            formatCode: f.numbers.chartMoneyCode(largest),
            altText:
              'Bar chart of value at stake and at risk by revenue stream: ' +
              rows
                .map((r) => `${r.stream} ${money.compact(r.atRisk)} at risk of ${money.compact(r.atStake)}`)
                .join('; ') +
              '.',
            name: 'Value by revenue stream chart',
          },
        ];
  return {
    title: 'Value at risk by revenue stream',
    shapes,
    notes: [
      'Value at risk is the Value at Stake of Red and Amber objectives, each counted once ' +
        '(a child objective is not added again under a parent that carries value).',
      ...all.map((r) => `${r.stream}: ${money.exact(r.atRisk)} at risk of ${money.exact(r.atStake)} at stake.`),
      ...cut.map((t) => `In full: ${t}`),
    ],
  };
}

const slipPoint = (p: { date: string; slipDays: number; basis: string }) =>
  `${p.date} ${p.slipDays > 0 ? '+' : ''}${p.slipDays} d (${p.basis})`;

/** The slip of the top slipping initiatives over their check-ins; null when there is no history to show. */
export function trendSlide(f: DeckFacts): SlideSpec | null {
  // History is what makes a trend: without a check-in's pace anywhere there is only today's forecast.
  if (!f.trends.some((t) => t.points.some((p) => p.basis === 'pace'))) return null;
  const trends = f.trends.filter((t) => t.points.length >= 2);
  const dates = [...new Set(trends.flatMap((t) => t.points.map((p) => p.date)))].sort();
  const series = trends.map((t) => {
    const at = new Map(t.points.map((p) => [p.date, p.slipDays]));
    return { name: `${t.id} ${t.name}`.slice(0, 60), labels: dates, values: dates.map((d) => at.get(d) ?? null) };
  });
  const chart: ChartShape = {
    kind: 'chart',
    box: { ...BODY },
    type: 'line',
    series,
    colors: SERIES.slice(0, series.length),
    formatCode: null,
    valueTitle: 'Days after Due',
    altText:
      'Line chart of how many days after Due each top slipping initiative was forecast to finish, by check-in: ' +
      trends
        .map((t) => `${t.id} from ${t.points[0].slipDays} to ${dayCount(t.points[t.points.length - 1].slipDays)}`)
        .join('; ') +
      '.',
    name: 'Milestone trend chart',
  };
  return {
    title: 'Milestone trend of the top slipping initiatives',
    shapes: [chart],
    notes: [
      'Each line starts at the plan (finishing on Due, as seen at Start); each point is where the pace at a ' +
        'History check-in would finish; the last point is today’s forecast, dependency pushes included.',
      ...trends.map((t) => `${itemText(t)} (Due ${t.due}): ${t.points.map(slipPoint).join(', ')}.`),
      ...trends.map((t) => f.items.get(t.id)).flatMap((i) => (i ? [`Why: ${evidence(i)}`] : [])),
    ],
  };
}
