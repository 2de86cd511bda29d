// Settings: defaults, overridden by the workbook's Settings table, overridden by the host's choices.
import type { CellValue, Day, RollupMode, Settings, ValidationError } from '../types';
import { messages } from '../messages';
import { a1, isBlank, type LocatedTable } from '../recognise/locate';
import { normaliseName } from '../recognise/names';
import {
  dayFromUTCDate,
  parseCadence,
  parseDate,
  parseNumber,
  parsePercent,
  parseText,
  serialFromDay,
  type Parsed,
} from './values';

export const DEFAULT_SETTINGS: Omit<Settings, 'asOf'> = {
  greenThreshold: 0.95,
  amberThreshold: 0.8,
  defaultCadence: { unit: 'months', count: 1 },
  graceDays: 3,
  slipAmberDays: 0,
  slipRedDays: 14,
  rollup: 'weighted',
};

export function parseRollup(v: CellValue): Parsed<RollupMode | null> {
  const text = parseText(v);
  if (!text.ok || text.value === null) return text as Parsed<null>;
  const word = text.value.toLowerCase();
  if (word === 'weighted' || word === 'worst') return { ok: true, value: word };
  return { ok: false, code: 'invalid-setting', message: `"${text.value}" is not a rollup; use weighted or worst` };
}

/**
 * A Settings table's Value column often carries a date format for As Of, so Excel hands the other
 * numbers over as dates too (3 shows as 1900-01-03): for a number setting, a date is its serial.
 */
const serialOf = (v: CellValue, date1904: boolean): CellValue =>
  v instanceof Date
    ? serialFromDay(dayFromUTCDate(v), date1904) + (v.getTime() / 86_400_000 - Math.floor(v.getTime() / 86_400_000))
    : v;

const wholeDays = (v: CellValue): Parsed<number | null> => {
  const n = parseNumber(v);
  if (!n.ok || n.value === null) return n;
  return Number.isInteger(n.value) && n.value >= 0
    ? n
    : { ok: false, code: 'invalid-setting', message: `${n.value} is not a whole number of days (0 or more)` };
};

type SettingKey = keyof Settings;

/** Each setting's name as typed in the table, and how its value is read. */
const SETTING_READERS: Record<string, { key: SettingKey; read: (v: CellValue, date1904: boolean) => Parsed<unknown> }> =
  {
    [normaliseName('As Of')]: { key: 'asOf', read: (v, d) => parseDate(v, d) },
    [normaliseName('Green Threshold')]: { key: 'greenThreshold', read: (v, d) => parsePercent(serialOf(v, d)) },
    [normaliseName('Amber Threshold')]: { key: 'amberThreshold', read: (v, d) => parsePercent(serialOf(v, d)) },
    [normaliseName('Default Cadence')]: { key: 'defaultCadence', read: (v, d) => parseCadence(serialOf(v, d)) },
    [normaliseName('Grace Days')]: { key: 'graceDays', read: (v, d) => wholeDays(serialOf(v, d)) },
    [normaliseName('Slip Amber Days')]: { key: 'slipAmberDays', read: (v, d) => wholeDays(serialOf(v, d)) },
    [normaliseName('Slip Red Days')]: { key: 'slipRedDays', read: (v, d) => wholeDays(serialOf(v, d)) },
    [normaliseName('Rollup')]: { key: 'rollup', read: parseRollup },
  };

export const SETTING_NAMES = [
  'As Of',
  'Green Threshold',
  'Amber Threshold',
  'Default Cadence',
  'Grace Days',
  'Slip Amber Days',
  'Slip Red Days',
  'Rollup',
];

/** Values found in Settings tables; a bad value is reported and left out so the default applies. */
export function readSettingsTables(
  tables: LocatedTable[],
  date1904: boolean,
  errors: ValidationError[],
): Partial<Settings> {
  const found: Partial<Settings> = {};
  for (const table of tables) {
    if (table.kind !== 'settings') continue;
    const keyCol = table.match.fields.get('key') ?? 0;
    const valueCol = table.match.fields.get('value') ?? 1;
    table.rows.forEach((cells, index) => {
      const keyCell = cells[keyCol];
      if (isBlank(keyCell)) return;
      const row = table.headerRow + 1 + index;
      const keyText = String(
        keyCell instanceof Date ? '' : typeof keyCell === 'object' && keyCell ? keyCell.error : keyCell,
      );
      const reader = SETTING_READERS[normaliseName(keyText)];
      const cell = a1(row, table.firstColumn + valueCol);
      if (!reader) {
        errors.push({
          sheet: table.sheet,
          cell: a1(row, table.firstColumn + keyCol),
          code: 'invalid-setting',
          message: messages.unknownSetting(keyText, SETTING_NAMES),
        });
        return;
      }
      const parsed = reader.read(cells[valueCol] ?? null, date1904);
      if (!parsed.ok) {
        errors.push({
          sheet: table.sheet,
          cell,
          code: 'invalid-setting',
          message: messages.badSetting(keyText, parsed.message),
        });
      } else if (parsed.value !== null) {
        (found as Record<string, unknown>)[reader.key] = parsed.value;
      }
    });
  }
  return found;
}

/** Host choices win over the workbook, which wins over the defaults; asOf falls back to today. */
export function resolveSettings(fromWorkbook: Partial<Settings>, fromHost: Partial<Settings>, today: Day): Settings {
  const merged: Settings = {
    ...DEFAULT_SETTINGS,
    asOf: today,
    ...dropUndefined(fromWorkbook),
    ...dropUndefined(fromHost),
  };
  if (merged.amberThreshold > merged.greenThreshold) merged.amberThreshold = merged.greenThreshold;
  return merged;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
