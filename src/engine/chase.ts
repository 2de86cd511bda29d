// Owners to chase: stale and flagged items grouped by owner, each with a ready-to-send message.
// Pure data; the pane turns each into a mailto: link (no network call from the add-in).
import type { ItemReport, Report } from './types';

export interface ChaseItem {
  id: string;
  name: string;
  health: ItemReport['health'];
  /** What is needed from the owner, one line per flag. */
  asks: string[];
}

export interface OwnerToChase {
  owner: string;
  items: ChaseItem[];
  subject: string;
  body: string;
}

const ASK: Readonly<Record<string, string>> = {
  stale: 'a current figure and the date it was true on',
  'no-update-date': 'the date the reported value was true on',
  'status-contradicts-data': 'what you know that the numbers do not show, or a corrected status',
  'masked-dependency-risk': 'how the plan holds while an upstream item is Red',
  'dependency-risk': 'a re-plan, or the date the upstream will really deliver',
  flatline: 'confirmation that the value is measured, not carried forward',
  'stuck-near-done': 'what the last part is waiting for',
  'exactly-on-plan': 'confirmation that the check-ins were measured, not computed from the plan',
  'status-cliff': 'what was known before the status turned Red',
  'revised-history': 'why a past check-in was changed',
};

/** Items with an owner and at least one flag that asks something of them, grouped by owner, most items first. */
export function ownersToChase(report: Report, asOf: string = report.asOf): OwnerToChase[] {
  const byOwner = new Map<string, ChaseItem[]>();
  for (const item of report.items) {
    if (!item.owner) continue;
    const asks = [...new Set(item.flags.map((f) => ASK[f.code]).filter((a): a is string => Boolean(a)))];
    if (asks.length === 0) continue;
    const list = byOwner.get(item.owner) ?? [];
    list.push({ id: item.id, name: item.name, health: item.health, asks });
    byOwner.set(item.owner, list);
  }
  return [...byOwner]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([owner, items]) => ({
      owner,
      items,
      subject:
        `Throughline review as of ${asOf}: ` +
        `${items.length} item${items.length === 1 ? '' : 's'} need${items.length === 1 ? 's' : ''} an update`,
      body: [
        `Hello ${owner},`,
        '',
        `The status review as of ${asOf} needs the following from you:`,
        '',
        ...items.flatMap((i) => [`${i.id} ${i.name} (${i.health}):`, ...i.asks.map((a) => `  - ${a}`)]),
        '',
        'Please update the workbook, or reply with what you know.',
      ].join('\n'),
    }));
}

/** What to ask an item's owner when no flag says: a plan for work that is late or off track. */
function healthAsk(item: ItemReport): string | null {
  if (item.ownHealth === 'Red' || item.ownHealth === 'Amber')
    return 'a recovery plan and the date it will be back on track';
  if (item.health === 'Red' || item.health === 'Amber') return 'a re-plan around the upstream delay';
  return null;
}

/** The message to one item's owner about that item alone ("Chase owner" beside a top risk); null without an owner. */
export function chaseAbout(item: ItemReport, asOf: string): OwnerToChase | null {
  if (!item.owner) return null;
  const asks = [...new Set(item.flags.map((f) => ASK[f.code]).filter((a): a is string => Boolean(a)))];
  const general = healthAsk(item);
  if (asks.length === 0 && general) asks.push(general);
  if (asks.length === 0) return null;
  return {
    owner: item.owner,
    items: [{ id: item.id, name: item.name, health: item.health, asks }],
    subject: `Throughline review as of ${asOf}: ${item.id} ${item.name}`,
    body: [
      `Hello ${item.owner},`,
      '',
      `The status review as of ${asOf} needs the following about ${item.id} ${item.name} (${item.health}):`,
      '',
      ...asks.map((a) => `  - ${a}`),
      '',
      'Please update the workbook, or reply with what you know.',
    ].join('\n'),
  };
}

/** A mailto: link with the subject and body filled in; the recipient is left for the sender to choose. */
export function mailtoLink(chase: OwnerToChase): string {
  return `mailto:?subject=${encodeURIComponent(chase.subject)}&body=${encodeURIComponent(chase.body)}`;
}
