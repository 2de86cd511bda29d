// Live updates measured on the Excel fake: one person types one cell of an initiative; from the edit
// to the pane's new result (the quiet period set to 0 here, so what is measured is the work: the
// events, the re-read of the changed row, the engine on the updated snapshot). Also the round trips
// and bytes of that re-read, which must stay small whatever the workbook's size.
import { performance } from 'node:perf_hooks';
import { refresh } from '../../src/engine';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import type { LiveChange } from '../../src/io/port';
import { dayFromISO } from '../../src/engine/parse/values';
import { fakeOfGenerated } from './office';
import { BENCH_AS_OF } from './generate';

const today = dayFromISO(BENCH_AS_OF)!;

export interface LiveCase {
  rows: number;
  /** Edit to the engine's result on the updated snapshot, milliseconds (median of three edits). */
  editToPane: number;
  /** Round trips and bytes (requests and responses) of the re-read of one edited row. */
  roundTrips: number;
  bytes: number;
}

export async function liveCases(sizes: number[], log: (s: string) => void): Promise<LiveCase[]> {
  const out: LiveCase[] = [];
  for (const rows of sizes) {
    const excel = fakeOfGenerated(rows);
    const port = new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements, quietMs: 0 });
    refresh(await port.read(), { today });
    let heard: (c: LiveChange) => void = () => undefined;
    const stop = await port.watchChanges((c) => heard(c));
    const times: number[] = [];
    let roundTrips = 0;
    let bytes = 0;
    for (const [i, value] of ['2027-03-31', '2027-04-30', '2027-05-31'].entries()) {
      excel.resetCounters();
      const started = performance.now();
      const change = new Promise<LiveChange>((resolve) => (heard = resolve));
      // Forecast (column F) of the tenth initiative.
      void excel.edit('Initiatives', `F${11 + i}`, [[value]]);
      const c = await change;
      refresh(c.snapshot, { today });
      times.push(performance.now() - started);
      roundTrips = Math.max(roundTrips, excel.syncs);
      bytes = Math.max(
        bytes,
        excel.batchBytes.concat(excel.responseBytes).reduce((a, b) => a + b, 0),
      );
    }
    await stop?.();
    const editToPane = Math.round(times.sort((a, b) => a - b)[1]);
    log(`live ${rows.toLocaleString('en-US')} rows: ${editToPane} ms, ${roundTrips} round trips, ${bytes} bytes`);
    out.push({ rows, editToPane, roundTrips, bytes });
  }
  return out;
}

export function liveTable(cases: LiveCase[], machine: string): string {
  const lines = [
    `Measured on ${machine}, on the Excel fake (quiet period 0; the pane adds about 1 s of it).`,
    '',
    '| Rows | Edit to updated pane | Read round trips (one-row edit) | Bytes read and sent |',
    '| ---: | ---: | ---: | ---: |',
    ...cases.map((c) => {
      const n = (x: number) => x.toLocaleString('en-US');
      return `| ${n(c.rows)} | ${n(c.editToPane)} ms | ${c.roundTrips} | ${n(c.bytes)} |`;
    }),
  ];
  return lines.join('\n');
}
