// The workbook part: which sheets there are, in what order, where their parts live, and the date system.
import type { OoxmlPackage } from './package';
import { PackageError } from './errors';
import { REL, RELATIONSHIPS_NS, isType } from './relationships';
import { attrNS, child, childrenOf, parseXml } from './xml';
import { partKey } from './part-names';
import { CONTENT_TYPES_PART, contentTypeOf, readContentTypes } from './content-types';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  state: SheetState;
  /** 'worksheet' for grids of cells; chart sheets, dialog and macro sheets are listed but never read. */
  kind: 'worksheet' | 'chartsheet' | 'other';
  /** The sheet's part, when its relationship resolves inside the package. */
  part: string | null;
}

export interface WorkbookInfo {
  part: string;
  date1904: boolean;
  sheets: SheetEntry[];
  /** Strict OOXML (ISO 29500 strict namespaces) rather than the transitional form Excel saves by default. */
  strict: boolean;
  /** The namespace of the workbook's elements, for parts Throughline adds. */
  mainNamespace: string;
  /** Where the workbook's relationships say the parts are (they may still be missing from the file). */
  stylesPart: string | null;
  sharedStringsPart: string | null;
  /** 'xlsm' when the workbook part's content type is macro-enabled (Excel insists the extension agrees). */
  kind: 'xlsx' | 'xlsm';
}

/** SpreadsheetML's main namespace as Excel saves by default (transitional). */
export const TRANSITIONAL_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
/** The namespace of Strict packages' relationship types and r:id attributes. */
export const STRICT_RELS = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

export function findWorkbookPart(pkg: OoxmlPackage): string {
  const rel = pkg.relationships('').find((r) => isType(r, REL.officeDocument) && r.part !== null);
  if (rel?.part && pkg.has(rel.part)) return rel.part;
  if (pkg.has('xl/workbook.xml')) return 'xl/workbook.xml';
  throw new PackageError(
    'it holds no workbook (the package names no main document); it may be another kind of Office file',
  );
}

export function readWorkbookInfo(pkg: OoxmlPackage): WorkbookInfo {
  const part = findWorkbookPart(pkg);
  const root = parseXml(pkg.text(part), part);
  if (root.local !== 'workbook')
    throw new PackageError(`${part} is not a workbook (its root element is <${root.name}>)`, part);
  const rels = pkg.relationships(part);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const pr = child(root, 'workbookPr');
  const flag = pr?.attrs.date1904;
  const date1904 = flag === '1' || flag === 'true';
  const mainNamespace = root.attrs[root.name.includes(':') ? `xmlns:${root.name.split(':')[0]}` : 'xmlns'] ?? '';
  const strict = mainNamespace === STRICT_MAIN;
  const sheetsEl = child(root, 'sheets');
  const sheets: SheetEntry[] = [];
  const seen = new Map<string, string>();
  for (const s of sheetsEl ? childrenOf(sheetsEl, 'sheet') : []) {
    const relId = attrNS(s, RELATIONSHIPS_NS, 'id') ?? attrNS(s, STRICT_RELS, 'id') ?? '';
    const rel = byId.get(relId);
    const kind =
      rel && isType(rel, REL.worksheet)
        ? 'worksheet'
        : rel && rel.type.endsWith('/chartsheet')
          ? 'chartsheet'
          : 'other';
    const state = s.attrs.state === 'hidden' || s.attrs.state === 'veryHidden' ? s.attrs.state : 'visible';
    const name = s.attrs.name ?? '';
    const target = rel?.part ?? null;
    if (target !== null) {
      const key = partKey(target);
      if (key === partKey(part))
        throw new PackageError(`the sheet "${name}" points back at the workbook itself (a relationship loop)`, part);
      const other = seen.get(key);
      if (other !== undefined)
        throw new PackageError(`the sheets "${other}" and "${name}" point at the same part ${target}`, part);
      seen.set(key, name);
    }
    sheets.push({ name, sheetId: Number(s.attrs.sheetId ?? 0), relId, state, kind, part: target });
  }
  const styles = rels.find((r) => isType(r, REL.styles) && r.part !== null)?.part ?? null;
  const sst = rels.find((r) => isType(r, REL.sharedStrings) && r.part !== null)?.part ?? null;
  return {
    part,
    date1904,
    sheets,
    strict,
    mainNamespace: mainNamespace || TRANSITIONAL_MAIN,
    stylesPart: styles,
    sharedStringsPart: sst,
    kind: /macroEnabled/i.test(contentTypeOf(readContentTypes(pkg.text(CONTENT_TYPES_PART)), part) ?? '')
      ? 'xlsm'
      : 'xlsx',
  };
}
