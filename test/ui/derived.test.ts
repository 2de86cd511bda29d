// The review model, owners to chase and top risks are made ahead of the pane's render, a slice per
// task (issue 23: at 100,000 rows they held the page's thread 250–360 ms in one render). Made in
// slices they are exactly what one go makes; the render and the headline then only look them up.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ownersToChase, topRisks, type RefreshResult } from '../../src/engine';
import { refreshWorkbook } from '../../src/io/refresh';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { derivedOf, prepare } from '../../src/apps/pane/derived';
import { ITEMS_PER_STEP, reviewModel, reviewSteps } from '../../src/apps/pane/review';
import { day } from '../support/snapshot';

let result: RefreshResult;
beforeAll(async () => {
  const bytes = new Uint8Array(readFileSync(path.join(__dirname, '../../examples/rollout.xlsx')));
  const { snapshot: _snapshot, ...rest } = await refreshWorkbook(XlsxWorkbook.open(bytes, 'rollout.xlsx'), {
    today: day('2026-06-30'),
  });
  result = rest;
});

/** Runs the steps to the end; how many times they stopped, and the model. */
function run(steps: ReturnType<typeof reviewSteps>) {
  let stops = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { stops, model: step.value };
    stops++;
  }
}

test('made in slices of any size, the review model is the one made in one go', () => {
  const whole = reviewModel(result.report, result.links, 'Risks');
  expect(whole.entries.length).toBeGreaterThan(10);
  const items = result.report.items.length;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: items + 3 }), (perStep) => {
      const { stops, model } = run(reviewSteps(result.report, result.links, 'Risks', perStep));
      // One stop after each full slice of item reports.
      expect(stops).toBe(Math.floor(items / perStep));
      expect(model).toEqual(whole);
    }),
    { numRuns: 40 },
  );
  expect(ITEMS_PER_STEP).toBe(2000);
});

test('prepare lets the thread go between slices, and the pane then finds what it made', async () => {
  const fresh = { ...result };
  let yields = 0;
  const derived = await prepare(fresh, async () => void yields++);
  // The example's items fit one slice: one stop after the review model, one after the owners.
  expect(yields).toBe(Math.floor(result.report.items.length / ITEMS_PER_STEP) + 2);
  expect(derivedOf(fresh)).toBe(derived);
  expect(await prepare(fresh, async () => void yields++)).toBe(derived);
  expect(yields).toBe(2);
  expect(derived.review).toEqual(reviewModel(result.report, result.links, result.plan?.risks.sheetName));
  expect(derived.owners).toEqual(ownersToChase(result.report));
  expect(derived.risks).toEqual(topRisks(result.report.items));
  // A result never prepared (a live update's) is made in one go when first looked up.
  const other = { ...result };
  expect(derivedOf(other)).not.toBe(derived);
  expect(derivedOf(other)).toEqual(derived);
});

test('at 6,000 item reports the review model stops after every 2,000', () => {
  const base = result.report.items.find((i) => i.kind !== 'objective')!;
  const items = Array.from({ length: 6_000 }, (_, i) => ({ ...base, id: `I${i}`, row: i + 2 }));
  const { stops, model } = run(reviewSteps({ ...result.report, items }, result.links));
  expect(stops).toBe(3);
  expect(model).toEqual(reviewModel({ ...result.report, items }, result.links));
});
