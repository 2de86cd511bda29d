// Owners to chase, grouped from the example's report.
import * as path from 'node:path';
import { refreshWorkbook } from '../../src/io/refresh';
import { openXlsxFile } from '../../src/io/node/xlsx-file';
import { mailtoLink, ownersToChase } from '../../src/engine/chase';
import { day } from '../support/snapshot';

test('stale and flagged items are grouped by owner with what each needs to provide', async () => {
  const { report } = await refreshWorkbook(await openXlsxFile(path.join(__dirname, '../../examples/rollout.xlsx')), {
    today: day('2026-06-30'),
  });
  const chase = ownersToChase(report);
  const okafor = chase.find((c) => c.owner === 'M. Okafor')!;
  expect(okafor.items.map((i) => i.id)).toEqual(['INI-1', 'INI-2']);
  expect(okafor.items[0].asks).toEqual([
    'a current figure and the date it was true on',
    'what you know that the numbers do not show, or a corrected status',
  ]);
  expect(okafor.subject).toBe('Throughline review as of 2026-06-30: 2 items need an update');
  expect(okafor.body).toContain('INI-1 Sign ERP licence and hosting contract (Red):');
  // Owners whose items carry no flag are not chased; the busiest owner comes first.
  expect(chase.map((c) => c.owner)).not.toContain('CEO');
  expect(chase.find((c) => c.owner === 'P. Novak')!.items.map((i) => i.id)).toEqual(['KPI-2', 'KPI-5']);
  expect(chase[0].items.length).toBeGreaterThanOrEqual(chase[chase.length - 1].items.length);
  const link = mailtoLink(okafor);
  expect(link.startsWith('mailto:?subject=Throughline%20review')).toBe(true);
  expect(decodeURIComponent(link.split('&body=')[1])).toBe(okafor.body);
});
