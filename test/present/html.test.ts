// The report as a string: long lists are cut with a pointer to the Risks sheet, and text is escaped.
import * as path from 'node:path';
import { refresh } from '../../src/engine';
import type { Change } from '../../src/engine/changes';
import { statusReportHtml } from '../../src/present/html-report';
import { openXlsxFile } from '../../src/io/node/xlsx-file';
import { day } from '../support/snapshot';

const change = (i: number): Change => ({
  id: `X-${i}`,
  kind: 'initiative',
  name: `Item <${i}>`,
  owner: null,
  sheet: 'Initiatives',
  row: i + 2,
  from: 'Green',
  to: 'Amber',
  progressFrom: null,
  progressTo: null,
  forecastFrom: '2026-01-01',
  forecastTo: '2026-01-02',
  forecastDays: 1,
  direction: 'worse',
  severity: 'warn',
  cause: 'data',
  summary: 'forecast +1 d (2026-01-01 → 2026-01-02)',
});

test('a long list of changes is cut at 100, text is escaped, and nothing is fetched', async () => {
  const port = await openXlsxFile(path.join(__dirname, '../../examples/rollout.xlsx'));
  const result = refresh(await port.read(), { today: day('2026-06-30') });
  const changes = { since: '2026-06-23', at: '2026-06-30', changes: Array.from({ length: 130 }, (_, i) => change(i)) };
  const html = statusReportHtml({ ...result, changes }, { source: 'a<b>.xlsx', generated: '2026-06-30' });
  expect(html.match(/<tr data-change="worse">/g)).toHaveLength(100);
  expect(html).toContain('and 30 more changes: the workbook’s Risks sheet lists every one.');
  expect(html).toContain('What changed since the refresh of 2026-06-23');
  expect(html).toContain('Item &lt;0&gt;');
  expect(html).toContain('<title>Status report · a&lt;b&gt;.xlsx · as of 2026-06-30</title>');
  expect(html).not.toContain('<b>.xlsx');
});
