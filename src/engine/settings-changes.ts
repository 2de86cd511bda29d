// Changes caused by moving the goalposts. When thresholds, cadence, slip days or rollup change between
// generations, an item may turn Green without anyone doing any work. The ledger keeps the settings in
// force at the latest generation and the ones before them; each change is then judged again with the
// earlier settings on today's data: if that gives back what the item was, the settings changed it, not
// the data. (The as-of date is left out: it moves every day by design.)
import type { Cadence, CellValue, OutValue, Settings } from './types';
import type { Change, ChangeCause, ChangeSet, ItemMark } from './changes';
import { sameMark } from './changes';
import { dayFromISO, parseCadence, parseNumber, parseText } from './parse/values';
import { pct } from './format';

export type JudgedSettings = Omit<Settings, 'asOf'>;

export const SETTINGS_HEADERS = ['Setting', 'In force', 'Before'];

const KEYS: readonly (keyof JudgedSettings)[] = [
  'greenThreshold',
  'amberThreshold',
  'defaultCadence',
  'graceDays',
  'slipAmberDays',
  'slipRedDays',
  'rollup',
];

const LABELS: Readonly<Record<keyof JudgedSettings, string>> = {
  greenThreshold: 'Green threshold',
  amberThreshold: 'Amber threshold',
  defaultCadence: 'Default cadence',
  graceDays: 'Grace days',
  slipAmberDays: 'Slip Amber days',
  slipRedDays: 'Slip Red days',
  rollup: 'Rollup',
};

const NAMED_CADENCES: Record<string, string> = {
  'days:7': 'weekly',
  'days:14': 'biweekly',
  'months:1': 'monthly',
  'months:3': 'quarterly',
};

function cadenceText(c: Cadence): string {
  return NAMED_CADENCES[`${c.unit}:${c.count}`] ?? (c.unit === 'days' ? `${c.count} days` : `${c.count} months`);
}

function cell(key: keyof JudgedSettings, s: JudgedSettings): OutValue {
  const v = s[key];
  if (key === 'defaultCadence') return cadenceText(v as Cadence);
  return v as number | string;
}

function shown(key: keyof JudgedSettings, s: JudgedSettings): string {
  if (key === 'greenThreshold' || key === 'amberThreshold') return pct(s[key]);
  return String(cell(key, s));
}

export interface SettingsMarks {
  inForce: JudgedSettings;
  before: JudgedSettings;
}

function readOne(key: keyof JudgedSettings, v: CellValue | undefined): unknown {
  if (v === null || v === undefined) return undefined;
  if (key === 'defaultCadence') {
    const c = parseCadence(v);
    return c.ok && c.value ? c.value : undefined;
  }
  if (key === 'rollup') {
    const t = parseText(v);
    return t.ok && (t.value === 'weighted' || t.value === 'worst') ? t.value : undefined;
  }
  const n = parseNumber(v);
  return n.ok && n.value !== null ? n.value : undefined;
}

/** The settings block at `offset` of the ledger grid; null when absent or incomplete (an older ledger). */
export function readSettingsMarks(grid: CellValue[][] | null | undefined, offset: number): SettingsMarks | null {
  if (!grid || grid.length < 2 || grid[0]?.[offset] !== SETTINGS_HEADERS[0]) return null;
  const inForce: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  for (const row of grid.slice(1)) {
    const label = row[offset];
    const key = KEYS.find((k) => LABELS[k] === label);
    if (!key) continue;
    inForce[key] = readOne(key, row[offset + 1]);
    before[key] = readOne(key, row[offset + 2]);
  }
  const complete = (o: Record<string, unknown>) => KEYS.every((k) => o[k] !== undefined);
  return complete(inForce) && complete(before)
    ? { inForce: inForce as unknown as JudgedSettings, before: before as unknown as JudgedSettings }
    : null;
}

export function settingsRows(marks: SettingsMarks): OutValue[][] {
  return KEYS.map((k) => [LABELS[k], cell(k, marks.inForce), cell(k, marks.before)]);
}

/** "Green threshold 95% → 80%" for each judged setting that differs. */
export function settingsMoved(from: JudgedSettings, to: JudgedSettings): string[] {
  return KEYS.filter((k) => shown(k, from) !== shown(k, to)).map(
    (k) => `${LABELS[k]} ${shown(k, from)} → ${shown(k, to)}`,
  );
}

export function judged(s: Settings): JudgedSettings {
  const { asOf: _asOf, ...rest } = s;
  return rest;
}

/**
 * What the ledger keeps after this refresh: a new generation records the settings now in force and the
 * ones of the generation before; otherwise the block stays as it was, so identical refreshes agree.
 */
export function nextSettingsMarks(stored: SettingsMarks | null, now: JudgedSettings, advanced: boolean): SettingsMarks {
  if (stored && !advanced) return stored;
  return { inForce: now, before: stored?.inForce ?? now };
}

/** The settings this generation's changes are measured against: the previous generation's. */
export function settingsBasis(stored: SettingsMarks | null, advanced: boolean): JudgedSettings | null {
  if (!stored) return null;
  return advanced ? stored.inForce : stored.before;
}

/**
 * Each change's cause. `underBasis` is the item judged on today's data with the earlier settings:
 * equal to what it was, the settings moved it; equal to what it is now, the data did; else both.
 */
export function attributeChanges(
  changes: ChangeSet,
  moved: string[],
  underBasis: (id: string) => ItemMark | null,
  now: (id: string) => ItemMark | null,
): ChangeSet {
  if (moved.length === 0) return changes;
  const list = changes.changes.map((c): Change => {
    const basis = underBasis(c.id);
    const current = now(c.id);
    const was: ItemMark = {
      health: c.from,
      progress: c.progressFrom,
      forecast: c.forecastFrom === null ? null : dayFromISO(c.forecastFrom),
    };
    let cause: ChangeCause = 'both';
    if (basis && sameMark(basis, was)) cause = 'settings';
    else if (basis && current && sameMark(basis, current)) cause = 'data';
    return { ...c, cause };
  });
  return { ...changes, changes: list, settingsMoved: moved };
}
