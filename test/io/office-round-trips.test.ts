// Issue 18's round-trip targets, counted (never timed) on the strict fake through the real adapter, as
// `npm run bench -- --office` counts them: one KPI table of 100,000 rows (14 columns, under 100
// objectives) refreshed twice, the first refresh adding the owned columns, the Risks sheet and the
// ledger, the second the weekly one, which also reads the ledger. Target: at most 12 round trips, every
// request and response within the 4.5 MB budget as office.js sends them.
import { PAYLOAD_BUDGET } from '../../src/io/office/wire';
import { fakeOfOneTable, officeCase } from '../../scripts/bench/office';

test('one 100,000-row KPI table: at most 12 round trips on the first and on the weekly refresh, each under 4.5 MB', async () => {
  const { first, again } = await officeCase('one KPI table', 100_100, fakeOfOneTable(100_000));
  for (const r of [first, again]) {
    expect(r.roundTrips).toBeLessThanOrEqual(12);
    expect(r.roundTrips).toBe(r.reads + r.checks + r.writes);
    expect(Math.max(r.maxRequest, r.maxResponse)).toBeLessThanOrEqual(PAYLOAD_BUDGET);
  }
  // The weekly read: names; shapes with every range's first rows; seven round trips of about 4 MB for
  // the 14 input columns and the ledger (28 MB of responses at under 4.5 MB each). One round trip checks.
  expect(again.reads).toBeLessThanOrEqual(9);
  expect(again.checks).toBe(1);
  expect(first.reads).toBeLessThanOrEqual(5);
}, 900_000);
