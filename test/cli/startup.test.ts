// The command line loads the presenters (React, pptxgenjs, the map's layout) only for `report`: a
// refresh of a large workbook paid about 80 ms of module loading for them before (issue 23).
const mockLoaded: string[] = [];

jest.mock('../../src/present/html-report', () => {
  mockLoaded.push('html-report');
  return jest.requireActual('../../src/present/html-report');
});
jest.mock('../../src/present/deck', () => {
  mockLoaded.push('deck');
  return jest.requireActual('../../src/present/deck');
});

import * as path from 'node:path';
import { main } from '../../src/apps/cli/main';
import { makeReport } from '../../src/apps/cli/report-output';
import { refresh } from '../../src/engine';
import { openXlsxFile } from '../../src/io/node/xlsx-file';
import { day } from '../support/snapshot';

describe('what the command line loads', () => {
  it('loads no presenter to start, and the HTML report only when a report is made', async () => {
    expect(typeof main).toBe('function');
    expect(mockLoaded).toEqual([]);
    const port = await openXlsxFile(path.join(__dirname, '../../examples/rollout.xlsx'));
    const result = refresh(await port.read(), { today: day('2026-06-30') });
    expect(mockLoaded).toEqual([]);
    const made = await makeReport('html', result, {
      source: 'example.xlsx',
      generated: '2026-06-30',
      numberFormat: async () => null,
    });
    expect(mockLoaded).toEqual(['html-report']);
    expect(String(made.data)).toContain('<html');
    expect(made.what).toBe('status report');
  });
});
