// Slide 6, what changed since the last refresh, and slide 9, the appendix of data errors and stale items.
import { isoFromDay } from '../../engine';
import type { SlideSpec } from './model';
import { evidence, health, itemText, plain, tableSlides, type DeckFacts } from './parts';

export const MOST_CHANGES = 30;
export const MOST_APPENDIX = 40;

export function changesSlides(f: DeckFacts): SlideSpec[] {
  const { changes, since, settingsMoved } = f.changes;
  const shown = changes.slice(0, MOST_CHANGES);
  const title = since ? `What changed since the refresh of ${since}` : 'What changed since the last refresh';
  const empty =
    since === null
      ? 'This is the first refresh the workbook remembers: changes show from the next one.'
      : 'Nothing changed.';
  const rest = changes.length - shown.length;
  return tableSlides({
    title,
    name: 'Changes table',
    columns: [
      { header: 'Item', weight: 3.6 },
      { header: 'Health', weight: 1.6 },
      { header: 'Change', weight: 5 },
      { header: 'Owner', weight: 1.6 },
    ],
    rows: shown.map((c) => ({
      label: c.id,
      cells: [plain(itemText(c)), { ...health(c.to), text: `${c.from} → ${c.to}` }, plain(c.summary), plain(c.owner)],
    })),
    after:
      changes.length === 0
        ? empty
        : rest > 0
          ? `and ${rest} more changes: the workbook’s Risks sheet lists every one.`
          : undefined,
    notes: (rows) => [
      ...(rows[0] === 0 && settingsMoved && settingsMoved.length > 0
        ? [`Settings changed too (the goalposts moved): ${settingsMoved.join('; ')}.`]
        : []),
      ...rows.map((r) => {
        const c = shown[r];
        const item = f.items.get(c.id);
        return `${c.summary} (cause: ${c.cause}). ${item ? evidence(item) : itemText(c)}`;
      }),
    ],
  });
}

interface AppendixRow {
  where: string;
  what: string;
  message: string;
  label: string;
  note: string;
}

export function appendixSlides(f: DeckFacts): SlideSpec[] {
  const rows: AppendixRow[] = f.report.errors.map((e) => ({
    where: `${e.sheet}!${e.cell}`,
    what: `Data error: ${e.code}`,
    message: e.message,
    label: `${e.sheet}!${e.cell}`,
    note: `${e.sheet}!${e.cell} ${e.code}: ${e.message}`,
  }));
  for (const item of f.report.items) {
    const stale = item.flags.find((x) => x.code === 'stale');
    if (!stale) continue;
    const updated = f.links.dates.get(item.id)?.updated ?? null;
    rows.push({
      where: itemText(item),
      what: `Stale${updated === null ? '' : `, updated ${isoFromDay(updated)}`}${item.owner ? ` · ${item.owner}` : ''}`,
      message: stale.message,
      label: item.id,
      note: evidence(item),
    });
  }
  const shown = rows.slice(0, MOST_APPENDIX);
  const rest = rows.length - shown.length;
  return tableSlides({
    title: 'Appendix: data errors and stale items',
    name: 'Appendix table',
    columns: [
      { header: 'Where', weight: 3.2 },
      { header: 'What', weight: 2.8 },
      { header: 'Details', weight: 6 },
    ],
    rows: shown.map((r) => ({ label: r.label, cells: [plain(r.where), plain(r.what), plain(r.message)] })),
    after:
      rows.length === 0
        ? 'No data errors and no stale items.'
        : rest > 0
          ? `and ${rest} more: the workbook’s Risks sheet lists every one, with a link to its cell.`
          : undefined,
    notes: (rs) => rs.map((r) => shown[r].note),
  });
}
