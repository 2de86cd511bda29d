// The way teams do it today: KPI attainment and a weighted objective rollup as spreadsheet formulas
// (IF, SUMPRODUCT, SUMIFS), evaluated by HyperFormula on the same data.
import { HyperFormula } from 'hyperformula';
import type { SheetSpec, SpecValue } from '../../src/example/sheet-spec';

type Cell = string | number | null;

const col = (spec: SheetSpec, header: string) => spec.headers.indexOf(header);
const num = (v: SpecValue): number | null => (typeof v === 'number' ? v : null);

/**
 * What an analyst builds by hand for the same judgement the engine makes, per KPI: attainment,
 * progress, expected progress by the as-of date, pace ratio, health and its score; per objective:
 * weighted progress and weighted health score over its children (SUMPRODUCT / SUMIFS), and the
 * "never Green over Red" rule (COUNTIFS). Levels (by height above the leaves) sit in separate columns, so no range refers to itself.
 *
 * KPIs: A ID, B Objective, C Dir (1 up, -1 down), D Baseline, E Target, F Actual, G Weight, H Start,
 * I Due, J attainment, K progress, L expected, M ratio, N health, O score.
 * Objectives: A ID, B Parent, C Weight, then progress / score / health for levels 4, 3, 2, 1.
 */
export function formulaSheets(sheets: SheetSpec[], asOfSerial: number): Record<string, Cell[][]> {
  const kpiSpec = sheets.find((s) => s.table === 'KPIs')!;
  const objSpec = sheets.find((s) => s.table === 'Objectives')!;
  const serial = (v: SpecValue) => (v instanceof Date ? Math.round(v.getTime() / 86_400_000) + 25569 : null);
  const n = kpiSpec.rows.length + 1;
  const kpis: Cell[][] = [
    [
      'ID',
      'Objective',
      'Dir',
      'Baseline',
      'Target',
      'Actual',
      'Weight',
      'Start',
      'Due',
      'Attainment',
      'Progress',
      'Expected',
      'Ratio',
      'Health',
      'Score',
    ],
  ];
  kpiSpec.rows.forEach((r, i) => {
    const k = i + 2;
    kpis.push([
      r[col(kpiSpec, 'ID')] as string,
      r[col(kpiSpec, 'Objective')] as string,
      r[col(kpiSpec, 'Direction')] === 'Decrease' ? -1 : 1,
      num(r[col(kpiSpec, 'Baseline')]),
      num(r[col(kpiSpec, 'Target')]),
      num(r[col(kpiSpec, 'Actual')]),
      num(r[col(kpiSpec, 'Weight')]) ?? 1,
      serial(r[col(kpiSpec, 'Start')]),
      serial(r[col(kpiSpec, 'Due')]),
      `=IF(D${k}="",IF(C${k}=1,F${k}/E${k},E${k}/F${k}),IF(C${k}=1,(F${k}-D${k})/(E${k}-D${k}),(D${k}-F${k})/(D${k}-E${k})))`,
      `=MAX(0,MIN(1,J${k}))`,
      `=IF(I${k}="",1,IF(${asOfSerial}>=I${k},1,IF(${asOfSerial}<=H${k},0,(${asOfSerial}-H${k})/(I${k}-H${k}))))`,
      `=IF(L${k}=0,1,J${k}/L${k})`,
      `=IF(F${k}="","Grey",IF(M${k}>=0.95,"Green",IF(M${k}>=0.8,"Amber","Red")))`,
      `=IF(N${k}="Green",1,IF(N${k}="Amber",0.5,0))`,
    ]);
  });
  const m = objSpec.rows.length + 1;
  const objectives: Cell[][] = [
    ['ID', 'Parent', 'Weight', 'P4', 'S4', 'H4', 'P3', 'S3', 'H3', 'P2', 'S2', 'H2', 'P1', 'S1', 'H1'],
  ];
  const parentOf = new Map(objSpec.rows.map((r) => [r[0] as string, r[2] as string | null]));
  // Columns go by height above the leaves, so every objective's children sit one column set to the left.
  const height = new Map<string, number>();
  for (const id of parentOf.keys()) height.set(id, 0);
  for (const id of parentOf.keys()) {
    let h = 0;
    for (let p = parentOf.get(id); p; p = parentOf.get(p)) height.set(p, Math.max(height.get(p)!, ++h));
  }
  const COLS: Record<number, [string, string, string]> = {
    4: ['D', 'E', 'F'],
    3: ['G', 'H', 'I'],
    2: ['J', 'K', 'L'],
    1: ['M', 'N', 'O'],
  };
  objSpec.rows.forEach((r, i) => {
    const o = i + 2;
    const id = r[0] as string;
    const level = Math.max(1, 4 - height.get(id)!);
    const S = COLS[level][1];
    const childReds =
      level === 4
        ? `COUNTIFS(KPIs!$B$2:$B$${n},A${o},KPIs!$N$2:$N$${n},"Red")`
        : `COUNTIFS($B$2:$B$${m},A${o},${COLS[level + 1][2]}$2:${COLS[level + 1][2]}$${m},"Red")`;
    const health = `=IF(${S}${o}>=0.9,IF(${childReds}>0,"Amber","Green"),IF(${S}${o}>=0.5,"Amber","Red"))`;
    let progress: string;
    let score: string;
    if (level === 4) {
      progress = `=IFERROR(SUMPRODUCT((KPIs!$B$2:$B$${n}=A${o})*KPIs!$G$2:$G$${n}*KPIs!$K$2:$K$${n})/SUMIFS(KPIs!$G$2:$G$${n},KPIs!$B$2:$B$${n},A${o}),0)`;
      score = `=IFERROR(SUMPRODUCT((KPIs!$B$2:$B$${n}=A${o})*KPIs!$G$2:$G$${n}*KPIs!$O$2:$O$${n})/SUMIFS(KPIs!$G$2:$G$${n},KPIs!$B$2:$B$${n},A${o}),0)`;
    } else {
      const [cp, cs] = COLS[level + 1];
      progress = `=IFERROR(SUMPRODUCT(($B$2:$B$${m}=A${o})*$C$2:$C$${m}*${cp}$2:${cp}$${m})/SUMIFS($C$2:$C$${m},$B$2:$B$${m},A${o}),0)`;
      score = `=IFERROR(SUMPRODUCT(($B$2:$B$${m}=A${o})*$C$2:$C$${m}*${cs}$2:${cs}$${m})/SUMIFS($C$2:$C$${m},$B$2:$B$${m},A${o}),0)`;
    }
    const row: Cell[] = [
      id,
      parentOf.get(id) ?? null,
      num(r[col(objSpec, 'Weight')]) ?? 1,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ];
    const base = { 4: 3, 3: 6, 2: 9, 1: 12 }[level]!;
    row[base] = progress;
    row[base + 1] = score;
    row[base + 2] = health;
    objectives.push(row);
  });
  return { KPIs: kpis, Objectives: objectives };
}

/** Milliseconds for HyperFormula to build and evaluate every formula. */
export function timeFormulas(sheets: Record<string, Cell[][]>): { ms: number; sample: unknown } {
  const started = performance.now();
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3', useArrayArithmetic: true });
  const ms = performance.now() - started;
  const objectives = hf.getSheetId('Objectives')!;
  const sample = hf.getCellValue({ sheet: objectives, row: 1, col: 4 });
  hf.destroy();
  return { ms, sample };
}
