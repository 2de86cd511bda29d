// A refresh's result carried from the page's worker to the page in pieces the page can take in
// between frames. At 100,000 rows the result (without the plan and the snapshot, which stay in the
// worker) is about 16,500 item reports, each reaching up to every objective: copied in one message it
// held the page's thread for over 2 s. So: the item reports go a slice at a time; each of the links'
// maps goes on its own; and the impacts, about 7,000 distinct ones shared by the items with 4 million
// objective references between them, go as one bit per objective in a transferred buffer, turned back
// into a list only when the pane reads one (the top risks, the board pack).
import type { Impact, ItemReport, RefreshResult } from '../../../engine';

/** One piece of a result: a value put at `path` of the result, or appended to the array there. */
export interface ResultPart {
  path: ['report', 'items'] | ['report', 'dependencies'] | ['links', string];
  append: boolean;
  value: unknown;
  /** For item slices: each item's impact, as an index into the impact table. */
  impacts?: Int32Array;
}

/** The distinct impacts: their objectives as bits over `universe`, `words` 32-bit words each. */
export interface ImpactTable {
  universe: string[];
  words: number;
  bits: Uint32Array;
  /** An impact whose objectives do not follow the universe's order is carried as its list. */
  plain: (string[] | null)[];
  streams: string[][];
  values: number[];
}

export interface PackedResult {
  parts: ResultPart[];
  /** The result with what the parts carry left empty. */
  skeleton: RefreshResult;
  impacts: ImpactTable;
}

/** Item reports per piece: about 60 ms of the page's thread each on a busy 2-core machine. */
export const ITEMS_PER_PART = 1500;

function impactTable(items: ItemReport[]): { table: ImpactTable; index: Map<Impact, number> } {
  const index = new Map<Impact, number>();
  for (const item of items) if (!index.has(item.impact)) index.set(item.impact, index.size);
  // The engine lists an item's objectives in the order of the Objectives table.
  const universe = items.filter((i) => i.kind === 'objective').map((i) => i.id);
  const position = new Map(universe.map((id, i) => [id, i]));
  for (const impact of index.keys())
    for (const o of impact.objectives) if (!position.has(o)) position.set(o, universe.push(o) - 1);
  const words = Math.ceil(universe.length / 32);
  const bits = new Uint32Array(words * index.size);
  const plain: (string[] | null)[] = [];
  const streams: string[][] = [];
  const values: number[] = [];
  for (const [impact, k] of index) {
    let last = -1;
    let ordered = true;
    for (const o of impact.objectives) {
      const p = position.get(o)!;
      if (p <= last) ordered = false;
      last = p;
      bits[k * words + (p >>> 5)] |= 1 << (p & 31);
    }
    plain.push(ordered ? null : impact.objectives);
    streams.push(impact.revenueStreams);
    values.push(impact.valueExposed);
  }
  return { table: { universe, words, bits, plain, streams, values }, index };
}

/** Splits a result into pieces; `itemsPerPart` item reports in each slice. */
export function packResult(result: RefreshResult, itemsPerPart = ITEMS_PER_PART): PackedResult {
  const { items, dependencies } = result.report;
  const { table, index } = impactTable(items);
  const parts: ResultPart[] = [];
  for (let from = 0; from < items.length; from += itemsPerPart) {
    const slice = items.slice(from, from + itemsPerPart);
    parts.push({
      path: ['report', 'items'],
      append: true,
      value: slice.map((item) => ({ ...item, impact: null })),
      impacts: Int32Array.from(slice, (item) => index.get(item.impact)!),
    });
  }
  for (let from = 0; from < dependencies.length; from += itemsPerPart * 2)
    parts.push({
      path: ['report', 'dependencies'],
      append: true,
      value: dependencies.slice(from, from + itemsPerPart * 2),
    });
  const links = Object.fromEntries(Object.keys(result.links).map((k) => [k, null]));
  for (const [key, value] of Object.entries(result.links)) parts.push({ path: ['links', key], append: false, value });
  const skeleton = {
    ...result,
    report: { ...result.report, items: [], dependencies: [] },
    links: links as unknown as RefreshResult['links'],
  };
  return { parts, skeleton, impacts: table };
}

/** An impact read back from the table: its objectives listed from the bits the first time they are read. */
function lazyImpact(table: ImpactTable, k: number): Impact {
  let list: string[] | null = table.plain[k];
  const impact = {} as Impact;
  Object.defineProperty(impact, 'objectives', {
    enumerable: true,
    configurable: true,
    get() {
      if (list === null) {
        list = [];
        for (let w = 0; w < table.words; w++) {
          const word = table.bits[k * table.words + w];
          if (word === 0) continue;
          for (let b = 0; b < 32; b++) if (word & (1 << b)) list.push(table.universe[w * 32 + b]);
        }
      }
      return list;
    },
  });
  impact.revenueStreams = table.streams[k];
  impact.valueExposed = table.values[k];
  return impact;
}

/** Puts a result back together on the page, a piece at a time as they come. */
export class ResultAssembler {
  private readonly items: ItemReport[] = [];
  private readonly itemImpacts: Int32Array[] = [];
  private readonly dependencies: RefreshResult['report']['dependencies'] = [];
  private readonly links: Record<string, unknown> = {};

  add(part: ResultPart): void {
    if (part.path[0] === 'links') this.links[part.path[1]] = part.value;
    else if (part.path[1] === 'items') {
      for (const item of part.value as ItemReport[]) this.items.push(item);
      this.itemImpacts.push(part.impacts!);
    } else for (const d of part.value as RefreshResult['report']['dependencies']) this.dependencies.push(d);
  }

  finish(skeleton: RefreshResult, table: ImpactTable): RefreshResult {
    const impacts = table.values.map((_, k) => lazyImpact(table, k));
    let at = 0;
    for (const slice of this.itemImpacts) for (const k of slice) this.items[at++].impact = impacts[k];
    return {
      ...skeleton,
      report: { ...skeleton.report, items: this.items, dependencies: this.dependencies },
      links: { ...skeleton.links, ...this.links } as RefreshResult['links'],
    };
  }
}
