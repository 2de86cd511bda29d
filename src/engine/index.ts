// The engine's public surface: hosts import from here only.
export { refresh, UnknownItemError, type RefreshOptions, type RefreshResult, type Stage } from './refresh';
export type { Delay } from './compute/evaluate';
export * from './types';
export { PALETTE, HEALTH_STYLE, SEVERITY_STYLE, cssColour } from './palette';
export { tableKindOf, OWNED_BAND_WIDTH, OWNED_HEADERS, RISKS_SHEET, LEDGER_SHEET } from './recognise/names';
export { dayFromISO, isoFromDay, todayDay } from './parse/values';
