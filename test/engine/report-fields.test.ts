// The report's fields made when first read (an item's forecastHistory, an Impact's objectives and
// revenueStreams): enumerable own fields in the contract's order, made once, seen as plain values by
// JSON, structured clone (the pane's worker) and equality, and equal to what they are made from.
import { refresh } from '../../src/engine';
import type { ItemReport } from '../../src/engine/types';
import { dayFromISO } from '../../src/engine/parse/values';
import { applyPlan } from '../support/apply-plan';
import { BENCH_AS_OF, generateWorkbook, snapshotOf } from '../../scripts/bench/generate';

const today = dayFromISO(BENCH_AS_OF)!;

describe('fields the report makes when read', () => {
  const first = snapshotOf(generateWorkbook(400));
  const weekly = applyPlan(first, refresh(first, { today }).plan!);
  const report = refresh(weekly, { today }).report;
  const initiative = report.items.find((i) => i.kind === 'initiative' && i.impact.objectives.length > 1)!;
  const objective = report.items.find((i) => i.kind === 'objective')!;

  test('an item: forecastHistory after the other fields, made once, null for an objective', () => {
    const keys = Object.keys(initiative);
    expect(keys[keys.length - 1]).toBe('forecastHistory');
    expect(keys.slice(0, 3)).toEqual(['id', 'kind', 'name']);
    const history = initiative.forecastHistory!;
    expect(Array.isArray(history)).toBe(true);
    expect(history.length).toBeGreaterThan(0);
    expect(initiative.forecastHistory).toBe(history);
    expect(objective.forecastHistory).toBeNull();
    expect(Object.getOwnPropertyDescriptor(initiative, 'forecastHistory')!.enumerable).toBe(true);
  });

  test('an Impact: objectives, revenueStreams, valueExposed, in that order, each made once', () => {
    const impact = initiative.impact;
    expect(Object.keys(impact)).toEqual(['objectives', 'revenueStreams', 'valueExposed']);
    expect(impact.objectives).toBe(impact.objectives);
    expect(impact.revenueStreams).toBe(impact.revenueStreams);
    // Sorted, distinct, and the caller's own: changing it changes no other Impact's list.
    expect([...new Set(impact.revenueStreams)].sort()).toEqual(impact.revenueStreams);
    expect(impact.objectives.every((id) => report.items.some((i) => i.id === id && i.kind === 'objective'))).toBe(true);
  });

  test('JSON and structured clone see plain values; entries of different items stay apart', () => {
    const pick = (i: ItemReport) => ({ id: i.id, history: i.forecastHistory, impact: i.impact });
    const two = report.items.filter((i) => i.kind !== 'objective').slice(0, 2);
    const json = JSON.parse(JSON.stringify(two)) as ItemReport[];
    expect(json.map(pick)).toEqual(two.map(pick));
    const cloned = structuredClone(two);
    expect(cloned.map((i) => i.forecastHistory)).toEqual(two.map((i) => i.forecastHistory));
    expect(cloned.map((i) => i.impact.objectives)).toEqual(two.map((i) => i.impact.objectives));
    expect(cloned[0]).toEqual(two[0]);
    expect(JSON.stringify(cloned)).toBe(JSON.stringify(two));
    // Nothing of the machinery shows: no enumerable symbols.
    expect(
      Object.getOwnPropertySymbols(two[0]).every((s) => !Object.getOwnPropertyDescriptor(two[0], s)!.enumerable),
    ).toBe(true);
  });

  test("the result's links: made on first read, then a plain field in its place; a spread reads them", () => {
    const result = refresh(weekly, { today });
    expect(Object.getOwnPropertyDescriptor(result, 'links')!.get).toBeDefined();
    const keys = Object.keys(result);
    expect(keys.slice(keys.indexOf('changes'), keys.indexOf('changes') + 3)).toEqual(['changes', 'links', 'trends']);
    const spread = { ...result };
    const links = result.links;
    expect(spread.links).toBe(links);
    expect(result.links).toBe(links);
    expect(Object.getOwnPropertyDescriptor(result, 'links')).toMatchObject({ value: links, enumerable: true });
    expect(links.cells.size).toBe(result.report.items.length);
    expect(links.dependencyCells).toHaveLength(result.report.dependencies.length);
    // Assigning sets a plain field, as it did when links was one.
    const other = refresh(weekly, { today });
    other.links = links;
    expect(other.links).toBe(links);
  });
});
