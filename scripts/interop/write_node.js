#!/usr/bin/env node
// Writes the exceljs and SheetJS part of the interop corpus.
//
//   node write_node.js EXAMPLE.json OUT_DIR MANIFEST.json MODULES_DIR LOGO.png
//
// MODULES_DIR is a node_modules folder holding exceljs@4.4.0 and xlsx@0.18.5, installed by
// make-corpus.sh into a temporary prefix so the project's own package.json never sees them.
// Run with TZ=UTC: zip entry times are local times.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [example, outDir, manifestPath, modulesDir, logoPath] = process.argv.slice(2);
if (!logoPath) {
  process.stderr.write('usage: write_node.js EXAMPLE.json OUT_DIR MANIFEST.json MODULES_DIR LOGO.png\n');
  process.exit(2);
}
const load = (name) => require(path.join(path.resolve(modulesDir), name));
const version = (name) => JSON.parse(fs.readFileSync(path.join(modulesDir, name, 'package.json'), 'utf8')).version;

const FIXED = new Date('2026-06-30T09:00:00Z');
const CREATOR = 'Throughline interop corpus';
const data = JSON.parse(fs.readFileSync(example, 'utf8'));
const sheets = Object.fromEntries(data.sheets.map((s) => [s.sheet, s]));
const KIND = {
  Objectives: 'Objectives',
  KPIs: 'KPIs',
  Initiatives: 'Initiatives',
  Dependencies: 'Dependencies',
  'Check-ins': 'History',
  Settings: 'Settings',
};
const ISO = /^\d{4}-\d{2}-\d{2}$/;

const cellValue = (spec, col, v) =>
  typeof v === 'string' && spec.dateColumns.includes(col) && ISO.test(v) ? new Date(`${v}T00:00:00Z`) : v;
const rowsOf = (spec) => spec.rows.map((r) => r.map((v, c) => cellValue(spec, c, v)));
const colLetter = (n) => {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const area = (top, left, nRows, nCols) => `${colLetter(left)}${top}:${colLetter(left + nCols - 1)}${top + nRows - 1}`;
const fmtOf = (header, value) => data.formats[header] || (value instanceof Date ? 'yyyy-mm-dd' : undefined);

// exceljs zips through JSZip, which stamps each entry with new Date() unless told otherwise.
function pinJsZipClock() {
  const jszipDir = path.dirname(require.resolve('jszip/package.json', { paths: [path.join(modulesDir, 'exceljs')] }));
  require(path.join(jszipDir, 'lib', 'defaults.js')).date = FIXED;
}

async function writeExcelJs(manifest) {
  const ExcelJS = load('exceljs');
  pinJsZipClock();
  const wb = new ExcelJS.Workbook();
  wb.creator = CREATOR;
  wb.lastModifiedBy = CREATOR;
  wb.created = FIXED;
  wb.modified = FIXED;
  const tables = [];
  const about = wb.addWorksheet('About');

  // Table names use the schema's aliases (Goals, Metrics, Projects, Updates, Config) on purpose.
  const aliases = {
    Objectives: 'Goals',
    KPIs: 'Metrics',
    Initiatives: 'Projects',
    'Check-ins': 'Updates',
    Settings: 'Config',
  };
  for (const name of ['Objectives', 'KPIs', 'Initiatives', 'Dependencies', 'Check-ins', 'Settings']) {
    const spec = sheets[name];
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: spec.title ? 3 : 1 }] });
    const rows = rowsOf(spec);
    let top = 1;
    if (spec.table) {
      ws.addTable({
        name: aliases[name],
        ref: 'A1',
        headerRow: true,
        totalsRow: false,
        style: { theme: 'TableStyleMedium9', showRowStripes: true },
        columns: spec.headers.map((h) => ({ name: h, filterButton: true })),
        rows,
      });
    } else {
      ws.getCell('A1').value = spec.title;
      ws.getCell('A1').font = { bold: true, size: 13 };
      top = 3;
      ws.getRow(top).values = spec.headers;
      ws.getRow(top).font = { bold: true };
      rows.forEach((r, i) => (ws.getRow(top + 1 + i).values = r));
    }
    spec.headers.forEach((h, c) => {
      const col = ws.getColumn(c + 1);
      col.width = Math.max(10, Math.min(36, h.length + 4));
      const fmt = fmtOf(
        h,
        rows.map((r) => r[c]).find((v) => v != null),
      );
      if (fmt) rows.forEach((_r, i) => (ws.getCell(top + 1 + i, c + 1).numFmt = fmt));
    });
    const ref = area(top, 1, rows.length + 1, spec.headers.length);
    tables.push(
      spec.table
        ? { kind: KIND[name], sheet: name, ref, formal: true, name: aliases[name] }
        : { kind: KIND[name], sheet: name, ref, formal: false, headerRow: top },
    );
  }

  const ini = wb.getWorksheet('Initiatives');
  const nIni = sheets.Initiatives.rows.length;
  ini.dataValidations.add(`J2:J${nIni + 1}`, {
    type: 'list',
    allowBlank: true,
    formulae: ['"Green,Amber,Red,On track"'],
    showErrorMessage: true,
  });
  ini.addConditionalFormatting({
    ref: `J2:J${nIni + 1}`,
    rules: [
      {
        type: 'cellIs',
        operator: 'equal',
        formulae: ['"Red"'],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } },
      },
    ],
  });
  ini.getCell('B3').note = 'Scope agreed with procurement on 2 March.';
  const kpis = wb.getWorksheet('KPIs');
  kpis.getCell('G2').note = {
    texts: [{ font: { bold: true }, text: 'Finance: ' }, { text: 'bookings net of credits.' }],
  };

  about.getCell('A1').value = 'Order-to-cash roll-out (exceljs)';
  about.getCell('A1').font = { bold: true, size: 14 };
  about.mergeCells('A1:F1');
  about.getCell('A3').value = { text: 'Open the projects', hyperlink: "#'Initiatives'!A1" };
  about.getCell('A4').value = { text: 'PMO site', hyperlink: 'https://example.com/pmo', tooltip: 'PMO site' };
  wb.definedNames.add("'Objectives'!$A$2:$A$8", 'GoalIds');
  const logo = wb.addImage({ buffer: fs.readFileSync(logoPath), extension: 'png' });
  about.addImage(logo, { tl: { col: 7, row: 1 }, ext: { width: 96, height: 48 } });
  const lists = wb.addWorksheet('Lists', { state: 'hidden' });
  lists.getColumn(1).values = ['Status', 'Green', 'Amber', 'Red'];

  const out = path.join(outDir, 'exceljs-features.xlsx');
  await wb.xlsx.writeFile(out);
  manifest.push({
    path: path.basename(out),
    writer: `exceljs ${version('exceljs')}`,
    kind: 'xlsx',
    tables,
    features: [
      'formal-tables',
      'table-name-aliases',
      'plain-range',
      'data-validation',
      'conditional-formatting',
      'comments',
      'rich-text-note',
      'hyperlink-internal',
      'hyperlink-external',
      'merged-cells',
      'frozen-panes',
      'defined-names',
      'image',
      'hidden-sheet',
      'shared-strings',
    ].sort(),
    notes:
      'Tables are named by aliases: Goals (Objectives), Metrics (KPIs), Projects (Initiatives), Updates (History), Config (Settings); Dependencies is a plain range under a title.',
  });
}

// Excel serial of a UTC midnight in either date system. SheetJS 0.18 writes JS dates as 1900-system
// serials even in a date1904 workbook, so dates are turned into serials here and given a format.
const serial = (d, date1904) => (d.getTime() - (date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30))) / 86400000;

function sheetJsSheet(XLSX, spec, date1904) {
  const aoa = [];
  let top = 1;
  if (spec.title) {
    aoa.push([spec.title], []);
    top = 3;
  }
  aoa.push(spec.headers);
  const rows = rowsOf(spec);
  rows.forEach((r) => aoa.push(r.map((v) => (v instanceof Date ? serial(v, date1904) : v))));
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  spec.headers.forEach((h, c) => {
    rows.forEach((r, i) => {
      const fmt = fmtOf(h, r[c]);
      const cell = ws[XLSX.utils.encode_cell({ r: top + i, c })];
      if (fmt && cell && cell.t === 'n') cell.z = fmt;
    });
  });
  ws['!cols'] = spec.headers.map((h) => ({ wch: Math.max(10, Math.min(36, h.length + 4)) }));
  const ref = area(top, 1, rows.length + 1, spec.headers.length);
  ws['!autofilter'] = { ref };
  return { ws, entry: { kind: KIND[spec.sheet], sheet: spec.sheet, ref, formal: false, headerRow: top } };
}

function writeSheetJs(manifest) {
  const XLSX = load('xlsx');
  const writer = `SheetJS xlsx ${version('xlsx')}`;

  // 1. Plain ranges (SheetJS Community Edition writes no tables), inline "str" strings, notes, links.
  {
    const wb = XLSX.utils.book_new();
    wb.Props = { Title: 'Order-to-cash roll-out', Author: CREATOR, CreatedDate: FIXED, ModifiedDate: FIXED };
    const tables = [];
    const about = XLSX.utils.aoa_to_sheet([
      ['Order-to-cash roll-out (SheetJS)'],
      [],
      ['Open the objectives'],
      ['PMO site'],
      ['FX rate', 1.08],
    ]);
    about['!merges'] = [XLSX.utils.decode_range('A1:D1')];
    about.A3.l = { Target: '#Objectives!A1', Tooltip: 'Objectives' };
    about.A4.l = { Target: 'https://example.com/pmo' };
    about.A1.c = [{ a: 'PMO', t: 'Exported by the PMO reporting job.' }];
    XLSX.utils.book_append_sheet(wb, about, 'About');
    for (const name of ['Objectives', 'KPIs', 'Initiatives', 'Dependencies', 'Check-ins', 'Settings']) {
      const { ws, entry } = sheetJsSheet(XLSX, sheets[name], false);
      tables.push(entry);
      XLSX.utils.book_append_sheet(wb, ws, name);
    }
    const archive = XLSX.utils.aoa_to_sheet([['Old export'], ['kept for audit']]);
    XLSX.utils.book_append_sheet(wb, archive, 'Archive');
    wb.Workbook = {
      Sheets: wb.SheetNames.map((n) => ({ name: n, Hidden: n === 'Archive' ? 1 : 0 })),
      Names: [
        { Name: 'ObjectiveIds', Ref: 'Objectives!$A$2:$A$8' },
        { Name: 'FxRate', Ref: 'About!$B$5' },
      ],
    };
    XLSX.writeFile(wb, path.join(outDir, 'sheetjs-plain.xlsx'), { bookType: 'xlsx', compression: true });
    manifest.push({
      path: 'sheetjs-plain.xlsx',
      writer,
      kind: 'xlsx',
      tables,
      features: [
        'plain-range',
        'inline-str-cells',
        'autofilter',
        'comments',
        'hyperlink-internal',
        'hyperlink-external',
        'merged-cells',
        'defined-names',
        'hidden-sheet',
      ].sort(),
      notes:
        'No formal tables (SheetJS CE cannot write them); strings are written inline as t="str" cells (bookSST off).',
    });
  }

  // 2. The 1904 date system, with a shared-string table.
  {
    const wb = XLSX.utils.book_new();
    wb.Props = { Title: 'Order-to-cash roll-out (1904)', Author: CREATOR, CreatedDate: FIXED, ModifiedDate: FIXED };
    wb.Workbook = { WBProps: { date1904: true } };
    const tables = [];
    for (const name of ['Objectives', 'KPIs', 'Initiatives', 'Check-ins', 'Settings']) {
      const { ws, entry } = sheetJsSheet(XLSX, sheets[name], true);
      tables.push(entry);
      XLSX.utils.book_append_sheet(wb, ws, name);
    }
    XLSX.writeFile(wb, path.join(outDir, 'sheetjs-1904.xlsx'), { bookType: 'xlsx', bookSST: true, compression: true });
    manifest.push({
      path: 'sheetjs-1904.xlsx',
      writer,
      kind: 'xlsx',
      tables,
      features: ['plain-range', 'date1904', 'shared-strings', 'autofilter'],
      notes: 'date1904 with serials written for the 1904 system (2026-06-30 = 44741).',
    });
  }
}

(async () => {
  const manifest = [];
  await writeExcelJs(manifest);
  writeSheetJs(manifest);
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 1));
})().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
