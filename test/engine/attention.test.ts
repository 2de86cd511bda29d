// What the pane puts first: risks ranked by value exposed, objectives' last check-in, money in the
// workbook's own format, and changes that came from moving the goalposts rather than from the work.
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { refresh, type RefreshResult } from '../../src/engine';
import { lastCheckIns, rankRisks, topRisks } from '../../src/engine/attention';
import { moneyFormatOf, moneyFormatter } from '../../src/engine/money';
import { changesSentence } from '../../src/engine/changes';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { applyPlan } from '../support/apply-plan';
import { day, workbook } from '../support/snapshot';

let example: RefreshResult;
beforeAll(async () => {
  const port = await XlsxWorkbook.fromBuffer(readFileSync(path.join(__dirname, '../../examples/rollout.xlsx')));
  example = refresh(await port.read(), { today: day('2026-06-30') });
});

describe('top risks', () => {
  test('on the example the late licence contract, reported Green, leads: 7.3M exposed, 56 days late', () => {
    const top = topRisks(example.report.items);
    expect(top.map((i) => i.id)).toEqual(['INI-1', 'INI-2', 'INI-12', 'INI-4', 'INI-3']);
    expect(top[0]).toMatchObject({ owner: 'M. Okafor', reportedStatus: 'Green', health: 'Red', slipDays: 56 });
    expect(top[0].impact.valueExposed).toBe(7_300_000);
  });

  test('ranked by value exposed, root causes before the items that inherit their trouble, no objectives and no healthy items', () => {
    const ranked = rankRisks(example.report.items);
    for (let i = 1; i < ranked.length; i++)
      expect(ranked[i - 1].impact.valueExposed).toBeGreaterThanOrEqual(ranked[i].impact.valueExposed);
    expect(ranked.some((i) => i.kind === 'objective')).toBe(false);
    expect(ranked.map((i) => i.id)).not.toContain('KPI-3');
    // Same exposure: INI-12 is Amber on its own data, INI-3 only inherits INI-1's delay.
    expect(ranked.indexOf(ranked.find((i) => i.id === 'INI-12')!)).toBeLessThan(
      ranked.indexOf(ranked.find((i) => i.id === 'INI-3')!),
    );
  });

  test("an objective's last check-in is the latest Updated date of the work under it, at any depth", () => {
    const latest = lastCheckIns(example.links);
    const under = (objective: string) =>
      [...example.links.dates].filter(([id]) => {
        for (let up = example.links.serves.get(id); up; up = example.links.serves.get(up))
          if (up === objective) return true;
        return false;
      });
    const expected = Math.max(...under('OBJ-1').map(([, d]) => d.updated ?? -Infinity));
    expect(latest.get('OBJ-1')).toBe(expected);
    expect(latest.get('OBJ-5')).toBeLessThanOrEqual(latest.get('OBJ-2')!);
  });
});

describe('money in the workbook’s format', () => {
  test.each([
    ['$#,##0', { prefix: '$', suffix: '', decimals: 0 }],
    ['"$"#,##0.00', { prefix: '$', suffix: '', decimals: 2 }],
    ['#,##0.00 [$€-407]', { prefix: '', suffix: ' €', decimals: 2 }],
    ['[$€-x-euro2] #,##0', { prefix: '€ ', suffix: '', decimals: 0 }],
    ['_-* #,##0 "€"_-;-* #,##0 "€"_-;_-* "-" "€"_-;_-@_-', { prefix: '', suffix: ' €', decimals: 0 }],
    ['_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)', { prefix: '$', suffix: '', decimals: 2 }],
    ['£#,##0;[Red]-£#,##0', { prefix: '£', suffix: '', decimals: 0 }],
    ['#,##0', { prefix: '', suffix: '', decimals: 0 }],
  ])('%s', (format, expected) => {
    expect(moneyFormatOf(format)).toEqual(expected);
  });

  test.each([null, '', 'General', '0%', 'yyyy-mm-dd', '@', 'd-mmm'])('%s is not money', (format) => {
    expect(moneyFormatOf(format)).toBeNull();
  });

  test('one compact style for cards and lists, the exact figure for hover and screen readers', () => {
    const dollars = moneyFormatter(moneyFormatOf('$#,##0'), 'en-US');
    expect(dollars.compact(12_500_000)).toBe('$12.5M');
    expect(dollars.compact(7_300_000)).toBe('$7.3M');
    expect(dollars.compact(610_000)).toBe('$610K');
    expect(dollars.compact(4_500)).toBe('$4,500');
    expect(dollars.compact(-1_200_000)).toBe('-$1.2M');
    expect(dollars.exact(12_500_000)).toBe('$12,500,000');
    const euros = moneyFormatter(moneyFormatOf('#,##0.00 [$€-407]'), 'de-DE');
    expect(euros.exact(1_234_567.5)).toBe('1.234.567,50 €');
    expect(euros.compact(12_500_000)).toMatch(/^12,5\s?Mio\. €$/);
    // The reader's locale decides the rest, as Excel's display does: British finance writes 12.5m.
    expect(moneyFormatter(null, 'en-GB').compact(12_500_000)).toBe('12.5m');
    expect(moneyFormatter(null, 'not a locale').exact(1000)).toMatch(/^1.000$/);
  });

  test('the refresh names the first Value at Stake cell of each table, whose format says the currency', () => {
    expect(example.moneyCells[0]).toEqual({ sheet: 'Objectives', cell: expect.stringMatching(/^[A-Z]+\d+$/) });
  });
});

describe('changes made by the settings, not the data', () => {
  const O1 = ['O1', 'Grow', null, 'Dana', 1, 1_000_000, null];
  // 42 of 100 against 49.7 % expected: a pace of 0.85, Amber at the default 95 %, Green at 80 %.
  const K1 = (actual: number) => [
    'K1',
    'Bookings',
    'O1',
    'Increase',
    0,
    100,
    actual,
    '2026-01-01',
    '2026-12-31',
    1,
    '2026-06-28',
    'Green',
    'monthly',
  ];
  const book = (actual: number) =>
    workbook({ objectives: [O1], kpis: [K1(actual)], settings: [['As Of', '2026-07-01']] });
  const today = day('2026-07-01');

  test('loosening a threshold is labelled as such in Changes and in the Risks sheet, and stays labelled', () => {
    const first = book(42);
    const r1 = refresh(first, { today });
    expect(r1.report.items.find((i) => i.id === 'K1')!.health).toBe('Amber');
    const r2 = refresh(applyPlan(first, r1.plan!), { today: today + 1, settings: { greenThreshold: 0.8 } });
    expect(r2.changes.settingsMoved).toEqual(['Green threshold 95% → 80%']);
    expect(r2.changes.changes.map((c) => [c.id, c.from, c.to, c.cause])).toEqual(
      expect.arrayContaining([
        ['K1', 'Amber', 'Green', 'settings'],
        ['O1', 'Amber', 'Green', 'settings'],
      ]),
    );
    const row = r2.plan!.risks.rows.find((r) => r[1] === 'K1' && String(r[5]).startsWith('changed'))!;
    expect(row[5]).toBe('changed by settings since 2026-07-01');
    expect(row[6]).toBe(
      'recovered to Green (was Amber): the settings changed (Green threshold 95% → 80%), not the data',
    );
    expect(changesSentence(r2.changes)).toBe(
      '2 items changed since the refresh of 2026-07-01 (2 only because the settings changed). ',
    );

    // Refreshing again with nothing new keeps the list, its labels and the workbook as they were.
    const after = applyPlan(applyPlan(first, r1.plan!), r2.plan!);
    const r3 = refresh(after, { today: today + 2, settings: { greenThreshold: 0.8 } });
    expect(r3.changes).toEqual(r2.changes);
    expect(r3.plan).toEqual(r2.plan);
  });

  test('a change in the data under the same settings is the data’s; both at once is said too', () => {
    const first = book(42);
    const r1 = refresh(first, { today });
    const edited = book(20);
    const r2 = refresh({ ...edited, ledger: applyPlan(first, r1.plan!).ledger }, { today: today + 1 });
    expect(r2.changes.settingsMoved).toBeUndefined();
    expect(r2.changes.changes.find((c) => c.id === 'K1')).toMatchObject({ from: 'Amber', to: 'Red', cause: 'data' });

    // Progress moves and the threshold moves: the data and the settings both changed K1.
    const r3 = refresh(
      { ...book(30), ledger: applyPlan(first, r1.plan!).ledger },
      { today: today + 1, settings: { amberThreshold: 0.5 } },
    );
    expect(r3.changes.changes.find((c) => c.id === 'K1')).toMatchObject({ cause: 'both' });
    expect(r3.plan!.risks.rows.find((r) => r[1] === 'K1' && String(r[5]).startsWith('changed'))![5]).toBe(
      'changed since 2026-07-01 (data and settings)',
    );
  });
});
