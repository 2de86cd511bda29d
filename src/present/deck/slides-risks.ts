// Slides 3, 4 and 8: top risks by value exposed, dependency risks worst first, owners to chase.
import {
  dependencyAtRisk,
  ownersToChase,
  rankLinks,
  rankRisks,
  type DependencyReport,
  type ItemReport,
} from '../../engine';
import { promiseShort, promiseText, slackText } from '../link-text';
import type { SlideSpec } from './model';
import { evidence, health, itemText, plain, tableSlides, type DeckFacts } from './parts';

/** The deck shows the top of each list; the workbook's Risks sheet has every row. */
export const MOST_RISKS = 15;
export const MOST_LINKS = 20;
export const MOST_OWED = 40;

const more = (n: number, what: string) =>
  n > 0 ? `and ${n} more ${what}: the workbook’s Risks sheet lists every one.` : undefined;

export function topRisksSlides(f: DeckFacts): SlideSpec[] {
  const ranked = rankRisks(f.report.items);
  const risks = ranked.slice(0, MOST_RISKS);
  const { money, count } = f.numbers;
  return tableSlides({
    title: 'Top risks by value exposed',
    name: 'Top risks table',
    columns: [
      { header: 'Item', weight: 4 },
      { header: 'Owner', weight: 1.6 },
      { header: 'Reported → computed', weight: 2 },
      { header: 'Days late', weight: 1.1, align: 'right' },
      { header: 'Value exposed', weight: 1.5, align: 'right' },
      { header: 'Objectives reached', weight: 2.6 },
    ],
    rows: risks.map((i) => ({
      label: i.id,
      cells: [
        plain(itemText(i)),
        plain(i.owner),
        { ...health(i.health), text: `${i.reportedStatus ?? 'none'} → ${i.health}` },
        plain(i.slipDays !== null && i.slipDays > 0 ? count(i.slipDays) : ''),
        plain(money.compact(i.impact.valueExposed)),
        plain(i.impact.objectives.join(', ')),
      ],
    })),
    after: more(ranked.length - risks.length, 'risks'),
    notes: (rows) => [
      ...(rows[0] === 0
        ? [
            'Root causes come first: among equal exposure, an item Red or Amber on its own data before the items that inherit its trouble.',
          ]
        : []),
      ...rows.map((r) => `${evidence(risks[r])} Exposed: ${money.exact(risks[r].impact.valueExposed)}.`),
    ],
  });
}

interface Link {
  link: DependencyReport;
  upstream: ItemReport | null;
  downstream: ItemReport | null;
}

/** Links at risk (Red, no slack left, or flagged: the Risks sheet's rule), worst first: Red, least slack, value. */
export function riskyLinks(f: DeckFacts): Link[] {
  const rows = f.report.dependencies.filter(dependencyAtRisk).map((link) => ({
    link,
    upstream: f.items.get(link.upstream) ?? null,
    downstream: f.items.get(link.downstream) ?? null,
  }));
  return rankLinks(rows);
}

const end = (item: ItemReport | null, id: string) => (item ? itemText(item) : id);

export function dependencySlides(f: DeckFacts): SlideSpec[] {
  const all = riskyLinks(f);
  const links = all.slice(0, MOST_LINKS);
  const { money, count } = f.numbers;
  const days = (n: number | null) => (n === null ? '' : `${n < 0 ? '−' : ''}${count(Math.abs(n))} d`);
  return tableSlides({
    title: 'Dependency risks',
    name: 'Dependency risks table',
    columns: [
      { header: 'Upstream', weight: 3.2 },
      { header: 'Link', weight: 1 },
      { header: 'Waiting downstream', weight: 3.2 },
      { header: 'Slack', weight: 1, align: 'right' },
      { header: 'Promise', weight: 2.6 },
      { header: 'Value exposed', weight: 1.4, align: 'right' },
    ],
    rows: links.map((l) => ({
      label: `${l.link.upstream} → ${l.link.downstream}`,
      cells: [
        plain(end(l.upstream, l.link.upstream)),
        health(l.link.health),
        plain(end(l.downstream, l.link.downstream)),
        plain(days(l.link.slackDays)),
        plain(promiseShort(l.link)),
        plain(money.compact(l.link.valueExposed)),
      ],
    })),
    after:
      all.length === 0
        ? 'No dependency is at risk: every link has slack, no promise is broken.'
        : more(all.length - links.length, 'links at risk'),
    notes: (rows) => [
      ...(rows[0] === 0
        ? [
            'Links at risk, worst first: Red, then the least slack (negative slack: the link pushes its ' +
              'downstream), then the value the downstream reaches. Slack = latest finish − upstream forecast.',
          ]
        : []),
      ...rows.flatMap((r) => {
        const l = links[r];
        return [
          `${l.link.upstream} → ${l.link.downstream}: ${slackText(l.link)}; ${promiseText(l.link)}.`,
          ...l.link.flags.map((flag) => `${flag.code}: ${flag.message}`),
          ...(l.upstream ? [`Upstream: ${evidence(l.upstream)}`] : []),
        ];
      }),
    ],
  });
}

export function ownersSlides(f: DeckFacts): SlideSpec[] {
  const owners = ownersToChase(f.report);
  const rows = owners.flatMap((o) => o.items.map((item, n) => ({ owner: o.owner, first: n === 0, item })));
  const shown = rows.slice(0, MOST_OWED);
  return tableSlides({
    title: 'Owners to chase',
    name: 'Owners to chase table',
    columns: [
      { header: 'Owner', weight: 1.6 },
      { header: 'Item', weight: 3.6 },
      { header: 'Health', weight: 1 },
      { header: 'What they owe', weight: 6 },
    ],
    rows: shown.map((r) => ({
      label: `${r.owner} · ${r.item.id}`,
      cells: [
        { text: r.owner, bold: r.first },
        plain(itemText(r.item)),
        health(r.item.health),
        plain(r.item.asks.join('; ')),
      ],
    })),
    after:
      owners.length === 0
        ? 'No owner has a stale or flagged item.'
        : more(rows.length - shown.length, 'items to chase'),
    notes: (rs) =>
      rs.flatMap((r) => {
        const item = f.items.get(shown[r].item.id);
        return item ? [`${shown[r].owner}: ${evidence(item)}`] : [];
      }),
  });
}
