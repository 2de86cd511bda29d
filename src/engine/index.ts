// The engine's only door: hosts, adapters and the portfolio import from here, never from a file
// inside it (npm run lint enforces this). Grouped by the stage that owns each name.
export { refresh, UnknownItemError, type RefreshOptions, type RefreshResult, type Stage } from './refresh';
export type { Delay } from './compute/evaluate';
export * from './types';
export { lastCheckIns, rankLinks, rankRisks, topRisks } from './attention';
export { MARK_HEADERS, changesSentence } from './changes';
export type { Change, ChangeDirection, ChangeSet } from './changes';
export { chaseAbout, mailtoLink, ownersToChase } from './chase';
export type { OwnerToChase } from './chase';
export { LEDGER_HEADERS, SETTINGS_OFFSET, joinLedgers, type LedgerPart } from './flags/ledger';
export { BASELINE_LABEL_MAX, baselineLabelProblem } from './baseline/label';
export { sinceBaseline } from './baseline/since';
export type { MilestoneTrend, MovedItem, SinceBaseline } from './baseline/since';
export { LEDGER_WIDTH, PLAN_OFFSET, PLAN_HEADERS, keptPlanBlocks } from './baseline/store';
export { compactNumber, dayCount, grouped, pct } from './format';
export { objectivesByHealth, valueByStream } from './map/breakdown';
export type { StreamValue } from './map/breakdown';
export { chainThrough, distinctTopRisks, edgeKey, impactMap, mapCandidates, onlyChainThrough } from './map/impact-map';
export type { ImpactMap, MapEdge, MapNode } from './map/impact-map';
export type { ItemLinks } from './map/link-index';
export type { SlipTrend } from './map/trends';
export { messages } from './messages';
export { moneyFormatOf, moneyFormatter } from './money';
export type { MoneyFormat, MoneyFormatter } from './money';
export { HEALTH_STYLE, PALETTE, SEVERITY_STYLE, cssColour } from './palette';
export { DEFAULT_SETTINGS } from './parse/settings';
export {
  dayFromISO,
  dayFromSerial,
  dayFromUTCDate,
  isoFromDay,
  parseText,
  serialFromDay,
  todayDay,
} from './parse/values';
export { MAX_CELL_CHARS } from './plan/cells';
export { formatMoney } from './plan/columns';
export {
  OWNED_SHEETS_HEADERS,
  OWNED_OFFSET,
  ownedSheetFor,
  readOwnedSheets,
  risksSheetName,
} from './plan/owned-sheets';
export { RISKS_HEADERS } from './plan/risks';
export { dependencyAtRisk, LINK_FLAG_CODES } from './plan/link-risks';
export { a1, columnLetters, locateTables, parseA1 } from './recognise/locate';
export type { LocatedTable } from './recognise/locate';
export { mergedInBand, parseMergeRef, tablesInBand } from './recognise/merged';
export {
  DATE_FIELDS,
  isDateHeader,
  LEDGER_SHEET,
  OWNED_BAND_WIDTH,
  OWNED_HEADERS,
  OWNED_HEADER_SET,
  RISKS_SHEET,
  matchTableName,
  normaliseName,
  tableKindOf,
} from './recognise/names';
export { SETTINGS_HEADERS } from './settings-changes';
