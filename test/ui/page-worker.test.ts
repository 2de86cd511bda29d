// The browser page's file in its worker: the page sends bytes in (transferred, its own copy kept),
// and gets back a preview, a result without the plan's rows or the snapshot, and bytes out; the
// refreshed file is byte for byte what the one refresh writes when run on this thread. Cancel is heard
// until writing begins; a page that cannot start a worker does the same work itself.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FileWorker, inlineFiles, type FileChannel } from '../../src/apps/pane/page/worker-file';
import { FileSessions } from '../../src/apps/pane/worker/file-session';
import type { FileReply, FileRequest } from '../../src/apps/pane/worker/file-protocol';
import { RefreshCancelled } from '../../src/apps/pane/worker/runner';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { numberFormatAt } from '../../src/io/xlsx/number-format';
import { refreshWorkbook } from '../../src/io/refresh';
import { day } from '../support/snapshot';
import { packResult, ResultAssembler } from '../../src/apps/pane/worker/result-transfer';
import type { RefreshResult } from '../../src/engine';
import { lastRowNumber, previewOf } from '../../src/apps/pane/page/preview';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { WhatIfResult } from '../../src/engine';
import { ownersToChase, topRisks } from '../../src/engine';
import { prepare } from '../../src/apps/pane/derived';

const EXAMPLE = readFileSync(path.join(__dirname, '../../examples/rollout.xlsx'));
const today = day('2026-06-30');
const options = { today, settings: {}, setBaseline: null };

/** What crossed between the page and its worker: each request's kind and transfers, each reply's kind and keys. */
interface Crossing {
  requests: { kind: string; transferred: ArrayBuffer[] }[];
  replies: { kind: string; keys: string[]; bytes: number }[];
}

/**
 * A worker in this thread that copies every message as postMessage does (structuredClone with the
 * transfer list: a transferred buffer is detached on the sending side), and records what crossed.
 */
function clonedWorker(crossing: Crossing, delivered: string[] = []): FileChannel {
  const channel: FileChannel = {
    onmessage: null,
    onerror: null,
    terminate: () => undefined,
    postMessage(message: FileRequest, transfer: Transferable[]) {
      crossing.requests.push({ kind: message.kind, transferred: transfer as ArrayBuffer[] });
      const copy = structuredClone(message, { transfer });
      setTimeout(() => void sessions.handle(copy), 0);
    },
  };
  const sessions = new FileSessions((reply: FileReply, transfer?: Transferable[]) => {
    const copy = structuredClone(reply, { transfer: transfer ?? [] });
    const bytes = copy.kind === 'saved' ? copy.bytes.byteLength : 0;
    crossing.replies.push({ kind: reply.kind, keys: Object.keys(reply), bytes });
    setTimeout(() => {
      delivered.push(copy.kind);
      channel.onmessage?.({ data: copy } as MessageEvent<FileReply>);
    }, 0);
  });
  return channel;
}

/** The one refresh on this thread, as the command line runs it: its report and the bytes it writes. */
async function refreshedHere(bytes: Uint8Array) {
  const workbook = XlsxWorkbook.open(bytes, 'rollout.xlsx');
  const { report } = await refreshWorkbook(workbook, options);
  return { report, bytes: await workbook.toBuffer() };
}

describe('the page’s workbook in its worker', () => {
  test('bytes in, a preview and a small result back, the refreshed bytes out: the same bytes as a refresh on this thread', async () => {
    const crossing: Crossing = { requests: [], replies: [] };
    const files = new FileWorker(() => clonedWorker(crossing));
    const mine = new Uint8Array(EXAMPLE);
    const file = await files.open('rollout.xlsx', mine);
    // The page's own bytes stay whole (kept for Add workbooks…); a copy was moved to the worker.
    expect(mine.byteLength).toBe(EXAMPLE.byteLength);
    expect(crossing.requests[0].kind).toBe('open');
    expect(crossing.requests[0].transferred).toHaveLength(1);
    expect(crossing.requests[0].transferred[0].byteLength).toBe(0);
    expect(file.preview.map((s) => s.name)).toEqual(expect.arrayContaining(['Objectives', 'KPIs', 'Initiatives']));
    expect(file.hub).toBe(false);
    expect(file.format).toBe('xlsx');

    const stages: string[] = [];
    const engineStages: string[] = [];
    const result = await file.refresh(
      { ...options, onStage: (s) => engineStages.push(s) },
      { onStage: (s) => stages.push(s) },
    );
    // The result comes before the worker writes: the pane hears reading and computing, then the summary.
    expect(stages).toEqual(['reading', 'computing']);
    expect(engineStages).toEqual(['recognise', 'parse', 'link', 'evaluate', 'flags', 'plan']);
    const here = await refreshedHere(new Uint8Array(EXAMPLE));
    expect(result.report).toEqual(here.report);
    expect(result.report.items.filter((i) => i.health === 'Red').length).toBeGreaterThan(0);
    // The plan was written in the worker: its sheet names come back, none of its rows.
    expect(result.plan?.risks.sheetName).toBe('Risks');
    expect(result.plan?.risks.rows).toEqual([]);
    expect(result.plan?.tables).toEqual([]);
    expect(result.plan?.ledger.blocks).toEqual([]);
    const refreshed = crossing.replies.find((r) => r.kind === 'refreshed')!;
    expect(refreshed.keys.sort()).toEqual(['formats', 'id', 'impacts', 'kind', 'owners', 'result', 'top']);
    expect('snapshot' in result).toBe(false);
    // The preview of the file as written, asked for once the result is in: the Risks sheet is in it now.
    expect(file.preview.map((s) => s.name)).not.toContain('Risks');
    expect((await file.loadPreview()).map((s) => s.name)).toContain('Risks');

    const out = await file.bytes();
    expect(crossing.requests.map((r) => r.kind)).toEqual(['open', 'refresh', 'preview', 'save']);
    expect(crossing.replies.find((r) => r.kind === 'saved')!.bytes).toBe(out.byteLength);
    expect(Buffer.from(out).equals(Buffer.from(here.bytes))).toBe(true);
    // No snapshot and no plan rows ever crossed: the only workbook content that did is bytes.
    expect(crossing.replies.map((r) => r.kind)).not.toContain('snapshot');
  });

  test('what-if runs on what the last refresh read, in the worker; before a refresh it says to refresh first', async () => {
    const file = await new FileWorker(inlineFiles).open('rollout.xlsx', new Uint8Array(EXAMPLE));
    expect(await file.whatIf({ today, delays: [{ id: 'INI-3', days: 30 }] })).toBe(
      'Refresh first, then try a what-if.',
    );
    await file.refresh(options);
    const whatIf = await file.whatIf({ today, delays: [{ id: 'INI-3', days: 30 }] });
    expect(typeof whatIf).toBe('object');
    expect((whatIf as WhatIfResult).delay).toEqual({ id: 'INI-3', days: 30 });
  });

  test('Cancel before writing begins: RefreshCancelled, and the file is as it was', async () => {
    const file = await new FileWorker(inlineFiles).open('rollout.xlsx', new Uint8Array(EXAMPLE));
    const before = await file.bytes();
    const controller = new AbortController();
    const run = file.refresh(options, {
      signal: controller.signal,
      onStage: (s) => s === 'computing' && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(RefreshCancelled);
    expect(Buffer.from(await file.bytes()).equals(Buffer.from(before))).toBe(true);
    // The next refresh runs as usual.
    expect((await file.refresh(options)).plan).not.toBeNull();
  });

  test('the result comes before the write; a download asked for meanwhile waits for it and gets the written bytes', async () => {
    const crossing: Crossing = { requests: [], replies: [] };
    const delivered: string[] = [];
    const file = await new FileWorker(() => clonedWorker(crossing, delivered)).open(
      'rollout.xlsx',
      new Uint8Array(EXAMPLE),
    );
    const result = await file.refresh(options);
    // The summary is the page's while the worker writes: the refresh's last answer has not come yet.
    expect(delivered).toContain('refreshed');
    expect(delivered).not.toContain('written');
    expect(file.writing).toBe(true);
    expect(result.plan?.risks.sheetName).toBe('Risks');
    // The money cell's format, which the pane asks for at once, came with the result: no wait for the write.
    const money = result.moneyCells[0];
    expect(await file.numberFormat(money)).toBe(numberFormatAt(XlsxWorkbook.open(new Uint8Array(EXAMPLE)), money));
    expect(await file.numberFormat(money)).toMatch(/#,##0/);
    expect(delivered).not.toContain('written');
    // The owners to chase and the top risks were made in the worker: the page only makes the review model.
    let yields = 0;
    const derived = await prepare(result, async () => void yields++);
    expect(yields).toBe(0);
    const here = await refreshedHere(new Uint8Array(EXAMPLE));
    expect(derived.owners).toEqual(ownersToChase(here.report));
    expect(derived.risks.map((i) => i.id)).toEqual(topRisks(here.report.items).map((i) => i.id));
    for (const item of derived.risks) expect(result.report.items).toContain(item);
    // Download clicked now: kept, and answered with the bytes as written.
    const out = await file.bytes();
    expect(delivered.indexOf('written')).toBeGreaterThan(delivered.indexOf('refreshed'));
    expect(delivered.indexOf('saved')).toBeGreaterThan(delivered.indexOf('written'));
    expect(file.writing).toBe(false);
    expect(Buffer.from(out).equals(Buffer.from(here.bytes))).toBe(true);
    expect((await file.loadPreview()).map((s) => s.name)).toContain('Risks');
  });

  test('a write that fails after the result came fails the refresh: it says why, and the file is as it was', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-locked-'));
    const locked = path.join(dir, 'locked.xlsx');
    // Review › Protect Workbook, set by openpyxl: the write is refused (the Risks sheet cannot be added).
    const script =
      'import sys, openpyxl\nfrom openpyxl.workbook.protection import WorkbookProtection\n' +
      'wb = openpyxl.load_workbook(sys.argv[1])\nwb.security = WorkbookProtection(lockStructure=True)\nwb.save(sys.argv[2])\n';
    execFileSync('/usr/bin/python3', ['-c', script, path.join(__dirname, '../../examples/rollout.xlsx'), locked], {
      timeout: 60_000,
    });
    const data = new Uint8Array(readFileSync(locked));
    const file = await new FileWorker(inlineFiles).open('locked.xlsx', data);
    const before = await file.bytes();
    const result = await file.refresh(options);
    expect(result.plan).not.toBeNull();
    await expect(file.written).rejects.toThrow(
      /structure is protected \(Review › Protect Workbook\).*Nothing was written/,
    );
    // A download asked for after the failure gets the workbook as it was.
    expect(Buffer.from(await file.bytes()).equals(Buffer.from(before))).toBe(true);
  });

  test('a file that is not a workbook is refused with its reason; a worker that cannot start leaves the work to the page', async () => {
    const broken: FileChannel = {
      onmessage: null,
      onerror: null,
      terminate: () => undefined,
      postMessage() {
        setTimeout(() => this.onerror?.(new Event('error')), 0);
      },
    };
    const files = new FileWorker(() => broken);
    await expect(files.open('notes.xlsx', new TextEncoder().encode('not a zip'))).rejects.toThrow(
      'Cannot open notes.xlsx: it is not an .xlsx workbook',
    );
    const file = await files.open('rollout.xlsx', new Uint8Array(EXAMPLE));
    expect((await file.refresh(options)).report).toEqual((await refreshedHere(new Uint8Array(EXAMPLE))).report);
  });
});

describe('a result carried in pieces', () => {
  /** Each piece copied as postMessage copies it, then put back together. */
  function carried(result: RefreshResult, itemsPerPart: number): RefreshResult {
    const { parts, skeleton, impacts } = packResult(result, itemsPerPart);
    const assembler = new ResultAssembler();
    for (const part of parts)
      assembler.add(structuredClone(part, { transfer: part.impacts ? [part.impacts.buffer as ArrayBuffer] : [] }));
    const table = structuredClone(impacts, { transfer: [impacts.bits.buffer as ArrayBuffer] });
    return assembler.finish(structuredClone(skeleton), table);
  }

  test('comes back equal to the result, impacts shared as the engine shares them', async () => {
    const { snapshot: _snapshot, ...result } = await refreshWorkbook(
      XlsxWorkbook.open(new Uint8Array(EXAMPLE)),
      options,
    );
    const { parts } = packResult(result, 4);
    expect(parts.filter((p) => p.path[1] === 'items').length).toBe(Math.ceil(result.report.items.length / 4));
    const back = carried(result, 4);
    expect(back).toEqual(result);
    const { items } = result.report;
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++)
        expect(back.report.items[i].impact === back.report.items[j].impact).toBe(items[i].impact === items[j].impact);
  });

  test('objectives in another order than the Objectives table keep their order', async () => {
    const { snapshot: _snapshot, ...result } = await refreshWorkbook(
      XlsxWorkbook.open(new Uint8Array(EXAMPLE)),
      options,
    );
    const reaching = result.report.items.find((i) => i.impact.objectives.length > 1)!;
    const reversed = { ...reaching.impact, objectives: [...reaching.impact.objectives].reverse() };
    const items = result.report.items.map((i) => (i === reaching ? { ...i, impact: reversed } : i));
    const changed = { ...result, report: { ...result.report, items } };
    expect(carried(changed, 3).report.items.find((i) => i.id === reaching.id)!.impact.objectives).toEqual(
      reversed.objectives,
    );
  });
});

describe('the preview the worker makes', () => {
  // Ours, and the example as LibreOffice saves it (another writer's habits).
  test.each([['examples/rollout.xlsx'], ['test/fixtures/rollout-libreoffice.xlsx']])(
    '%s: stops reading a sheet after the rows it shows, and still says how many rows the sheet has',
    (file) => {
      const bytes = readFileSync(path.join(__dirname, '../..', file));
      const whole = previewOf(XlsxWorkbook.open(new Uint8Array(bytes)), 100_000);
      const short = previewOf(XlsxWorkbook.open(new Uint8Array(bytes)), 3);
      for (const [i, sheet] of whole.entries()) {
        if (sheet.hidden) continue;
        expect(short[i].totalRows).toBe(sheet.totalRows);
        expect(short[i].rows.map((r) => r.map((c) => c.text).join('|'))).toEqual(
          sheet.rows.slice(0, 3).map((r) =>
            r
              .slice(0, short[i].rows[0]?.length ?? 0)
              .map((c) => c.text)
              .join('|'),
          ),
        );
      }
      expect(whole.find((s) => s.name === 'Initiatives')!.totalRows).toBeGreaterThan(3);
    },
  );

  test('the last row’s number, read from the end of the XML, with or without a prefix; null where rows carry none', () => {
    const rows = (n: number, prefix = '') =>
      Array.from({ length: n }, (_, i) => `<${prefix}row r="${i + 1}"><${prefix}c r="A${i + 1}"/></${prefix}row>`).join(
        '',
      );
    expect(lastRowNumber(`<worksheet><sheetData>${rows(5)}</sheetData></worksheet>`)).toBe(5);
    expect(lastRowNumber(`<x:worksheet><x:sheetData>${rows(70_000, 'x:')}</x:sheetData></x:worksheet>`)).toBe(70_000);
    expect(lastRowNumber('<worksheet><sheetData><row><c/></row></sheetData></worksheet>')).toBeNull();
    expect(lastRowNumber('<worksheet><sheetData/></worksheet>')).toBeNull();
  });
});
