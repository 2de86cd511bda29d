// Slides 3, 4 and 8: top risks by value exposed, dependency risks worst first, owners to chase.
import { ownersToChase, rankRisks, type Health, type ItemReport } from '../../engine';
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
  upstream: ItemReport;
  downstream: ItemReport;
  /** Days the upstream pushed the downstream's forecast, when it is the one that pushed it furthest. */
  pushDays: number | null;
}

const RANK: Readonly<Record<Health, number>> = { Red: 0, Amber: 1, Grey: 2, Green: 3 };

/** Links whose upstream is Amber or Red, worst first: upstream health, then days pushed, then value reached. */
export function riskyLinks(f: DeckFacts): Link[] {
  const links: Link[] = [];
  for (const [down, ups] of f.links.waitsOn) {
    const downstream = f.items.get(down);
    if (!downstream) continue;
    const pushed = f.links.pushed.get(down);
    for (const up of ups) {
      const upstream = f.items.get(up);
      if (!upstream) continue;
      links.push({ upstream, downstream, pushDays: pushed && pushed.by === up ? pushed.days : null });
    }
  }
  return links.sort(
    (a, b) =>
      RANK[a.upstream.health] - RANK[b.upstream.health] ||
      (b.pushDays ?? 0) - (a.pushDays ?? 0) ||
      b.downstream.impact.valueExposed - a.downstream.impact.valueExposed ||
      (a.upstream.id + a.downstream.id).localeCompare(b.upstream.id + b.downstream.id),
  );
}

export function dependencySlides(f: DeckFacts): SlideSpec[] {
  const all = riskyLinks(f);
  const links = all.slice(0, MOST_LINKS);
  const { money, count } = f.numbers;
  return tableSlides({
    title: 'Dependency risks',
    name: 'Dependency risks table',
    columns: [
      { header: 'Upstream', weight: 3.4 },
      { header: 'Health', weight: 1 },
      { header: 'Waiting downstream', weight: 3.4 },
      { header: 'Pushed', weight: 1.1, align: 'right' },
      { header: 'Downstream forecast', weight: 1.6 },
      { header: 'Value exposed', weight: 1.5, align: 'right' },
    ],
    rows: links.map((l) => ({
      label: `${l.upstream.id} → ${l.downstream.id}`,
      cells: [
        plain(itemText(l.upstream)),
        health(l.upstream.health),
        plain(itemText(l.downstream)),
        plain(l.pushDays === null ? '' : `${count(l.pushDays)} d`),
        plain(l.downstream.forecastFinish ?? ''),
        plain(money.compact(l.downstream.impact.valueExposed)),
      ],
    })),
    after:
      all.length === 0
        ? 'No item waits on an upstream that is Amber or Red.'
        : more(all.length - links.length, 'links at risk'),
    notes: (rows) => [
      ...(rows[0] === 0
        ? [
            'Links whose upstream is Red or Amber, worst first: upstream health, then the days it pushes the ' +
              'downstream’s forecast, then the value the downstream reaches.',
          ]
        : []),
      ...rows.flatMap((r) => [
        `Upstream: ${evidence(links[r].upstream)}`,
        `Downstream: ${evidence(links[r].downstream)}`,
      ]),
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
