// Builds a new workbook from sheet specs: the example file and the browser page's starter sheets.
// The package is written from scratch with the same parts Excel writes for a plain workbook.
import type { SheetSpec, SpecValue } from '../../example/sheet-spec';
import { dayFromUTCDate, isDateHeader, serialFromDay } from '../../engine';
import { a1 } from '../../engine';
import { OoxmlPackage } from '../ooxml/package';
import { DEFAULT_STYLES_XML, StyleEditor, type StyleChange } from '../ooxml/styles';
import { gridSheet, worksheetXml, type NewCell } from '../ooxml/worksheet-new';
import { escapeXml } from '../ooxml/xml';
import { CONTENT_TYPE } from '../ooxml/content-types';
import { REL, RELATIONSHIPS_NS, hyperlinkRelationships } from '../ooxml/relationships';
import type { OwnedSheetPlan } from '../../engine';
import { ownedLayout, ownedStyles } from './owned-sheet';
import { TRANSITIONAL_MAIN } from '../ooxml/workbook';

const MAIN_NS = TRANSITIONAL_MAIN;
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface BuildOptions {
  /** Lines of an "About" sheet placed first. */
  about?: string[];
  /** Number formats by header text. */
  formats?: Record<string, string>;
  creator?: string;
  /** ISO date-time stamped as the document's creation and modification time. */
  created?: string;
}

function widthOf(spec: SheetSpec, index: number): number {
  const cells = spec.rows.map((r) => (r[index] instanceof Date ? 10 : String(r[index] ?? '').length));
  return Math.min(48, Math.max(9, spec.headers[index].length, ...cells) + 2);
}

class Builder {
  readonly pkg = OoxmlPackage.empty();
  readonly styles = new StyleEditor(DEFAULT_STYLES_XML, 'xl/styles.xml');
  private readonly sheets: { name: string; part: string }[] = [];
  private tableCount = 0;

  cell(value: SpecValue, change: StyleChange = {}): NewCell | null {
    if (value === null && Object.keys(change).length === 0) return null;
    let plain: number | string | null;
    const full = { ...change };
    if (value instanceof Date) {
      plain = serialFromDay(dayFromUTCDate(value), false);
      full.numFmt ??= 'yyyy-mm-dd';
    } else plain = value;
    return { value: plain, style: Object.keys(full).length > 0 ? this.styles.derive(0, full) : 0 };
  }

  private addSheet(
    name: string,
    xml: string[],
    tables: { rid: string; part: string; xml: string }[] = [],
    links: { id: string; target: string }[] = [],
  ): void {
    const n = this.sheets.length + 1;
    const part = `xl/worksheets/sheet${n}.xml`;
    this.pkg.set(part, xml);
    if (links.length > 0) this.pkg.set(`xl/worksheets/_rels/sheet${n}.xml.rels`, hyperlinkRelationships(links));
    if (tables.length > 0) {
      const rels = tables
        .map((t) => `<Relationship Id="${t.rid}" Type="${REL.table}" Target="../tables/${t.part.split('/').pop()}"/>`)
        .join('');
      this.pkg.set(
        `xl/worksheets/_rels/sheet${n}.xml.rels`,
        `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
      );
      for (const t of tables) this.pkg.set(t.part, t.xml);
    }
    this.sheets.push({ name, part });
  }

  about(lines: string[]): void {
    const rows = lines.map((line, i) => [this.cell(line, i === 0 ? { bold: true, size: 14 } : {})]);
    this.addSheet('About', worksheetXml(gridSheet(rows, { widths: [110] }), MAIN_NS, RELATIONSHIPS_NS));
  }

  table(spec: SheetSpec, formats: Record<string, string>): void {
    const formatOf = (h: string) => formats[h] ?? (isDateHeader(h) ? 'yyyy-mm-dd' : undefined);
    const header = spec.headers.map((h) => this.cell(h));
    // Excel tables have at least one row; a starter table gets an empty one.
    const data = spec.rows.length ? spec.rows : [spec.headers.map(() => null)];
    const rows = [
      header,
      ...data.map((r) =>
        r.map((v, c) => {
          const format = formatOf(spec.headers[c]);
          return this.cell(v, format ? { numFmt: format } : {});
        }),
      ),
    ];
    const ref = `A1:${a1(rows.length, spec.headers.length)}`;
    const id = ++this.tableCount;
    const columns = spec.headers.map((h, i) => `<tableColumn id="${i + 1}" name="${escapeXml(h)}"/>`).join('');
    // Like Excel, the table leaves out headerRowCount: its default is one header row.
    const tableXml =
      `${XML_HEAD}<table xmlns="${MAIN_NS}" id="${id}" name="${escapeXml(spec.table!)}" ` +
      `displayName="${escapeXml(spec.table!)}" ref="${ref}" totalsRowShown="0">` +
      `<autoFilter ref="${ref}"/><tableColumns count="${spec.headers.length}">${columns}</tableColumns>` +
      '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>';
    const xml = worksheetXml(
      gridSheet(rows, { widths: spec.headers.map((_, i) => widthOf(spec, i)), freezeBelow: 2, tableParts: ['rId1'] }),
      MAIN_NS,
      RELATIONSHIPS_NS,
    );
    this.addSheet(spec.sheet, xml, [{ rid: 'rId1', part: `xl/tables/table${id}.xml`, xml: tableXml }]);
  }

  range(spec: SheetSpec): void {
    const rows: (NewCell | null)[][] = [
      [this.cell(spec.title ?? null, { bold: true, size: 12 })],
      [],
      spec.headers.map((h) => this.cell(h, { bold: true, bottomBorder: true })),
    ];
    for (const r of spec.rows) rows.push(r.map((v) => this.cell(v)));
    this.addSheet(
      spec.sheet,
      worksheetXml(
        gridSheet(rows, { widths: spec.headers.map((_, i) => widthOf(spec, i)) }),
        MAIN_NS,
        RELATIONSHIPS_NS,
      ),
    );
  }

  /** A sheet of the kind Throughline owns (a portfolio's risks, teams, dependencies). */
  owned(plan: OwnedSheetPlan): void {
    const layout = ownedLayout(plan, plan.widths, ownedStyles(this.styles), false);
    this.addSheet(plan.sheetName, worksheetXml(layout.sheet, MAIN_NS, RELATIONSHIPS_NS), [], layout.relationships);
  }

  finish(options: BuildOptions): Uint8Array {
    const { pkg } = this;
    const n = this.sheets.length;
    const overrides = [
      ['/xl/workbook.xml', CONTENT_TYPE.workbook],
      ['/xl/styles.xml', CONTENT_TYPE.styles],
      ...this.sheets.map((s) => [`/${s.part}`, CONTENT_TYPE.worksheet]),
      ...Array.from({ length: this.tableCount }, (_, i) => [`/xl/tables/table${i + 1}.xml`, CONTENT_TYPE.table]),
      ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
      ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
    ];
    pkg.set(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="${CONTENT_TYPE.relationships}"/><Default Extension="xml" ContentType="application/xml"/>` +
        overrides.map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`).join('') +
        '</Types>',
    );
    pkg.set(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL.officeDocument}" Target="xl/workbook.xml"/>` +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
        '</Relationships>',
    );
    const created = options.created ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    pkg.set(
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `<dc:creator>${escapeXml(options.creator ?? 'Throughline')}</dc:creator>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified>` +
        '</cp:coreProperties>',
    );
    pkg.set(
      'docProps/app.xml',
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Throughline</Application></Properties>`,
    );
    const sheets = this.sheets
      .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('');
    pkg.set(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIPS_NS}"><workbookPr/>` +
        `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets></workbook>`,
    );
    const rels = this.sheets
      .map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL.worksheet}" Target="${s.part.slice(3)}"/>`)
      .join('');
    pkg.set(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}` +
        `<Relationship Id="rId${n + 1}" Type="${REL.styles}" Target="styles.xml"/></Relationships>`,
    );
    pkg.set('xl/styles.xml', this.styles.text());
    return pkg.toBytes();
  }
}

/** A new .xlsx holding sheets Throughline owns: the portfolio workbook of `--portfolio-out`. */
export function buildOwnedSheetsWorkbook(plans: OwnedSheetPlan[], options: BuildOptions = {}): Uint8Array {
  const b = new Builder();
  for (const plan of plans) b.owned(plan);
  return b.finish(options);
}

/** A new .xlsx holding the sheets, in order (after an About sheet when there is one). */
export function buildWorkbook(specs: SheetSpec[], options: BuildOptions = {}): Uint8Array {
  const b = new Builder();
  if (options.about && options.about.length > 0) b.about(options.about);
  for (const spec of specs) {
    if (spec.table) b.table(spec, options.formats ?? {});
    else b.range(spec);
  }
  return b.finish(options);
}
