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
jest.mock('../../src/apps/cli/portfolio', () => {
  mockLoaded.push('portfolio');
  return jest.requireActual('../../src/apps/cli/portfolio');
});

import * as path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it("loads a portfolio's modules only for a portfolio: one workbook's refresh runs without them", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tl-startup-'));
    try {
      const example = path.join(__dirname, '../../examples/rollout.xlsx');
      const out: string[] = [];
      const io = { stdout: (s: string) => void out.push(s), stderr: (s: string) => void out.push(s) };
      const args = ['refresh', example, '--out', path.join(dir, 'one.xlsx'), '--as-of', '2026-06-30'];
      expect(await main(args, io)).toBe(0);
      expect(mockLoaded).not.toContain('portfolio');
      // A folder of workbooks is a portfolio (it is only read: a report of it, written to the temporary folder).
      const portfolio = path.join(__dirname, '../../examples/portfolio');
      await main(['report', portfolio, '--out', path.join(dir, 'p.html'), '--as-of', '2026-06-30'], io);
      expect(mockLoaded).toContain('portfolio');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
