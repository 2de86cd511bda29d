// Settings chosen in a host (the pane's form, kept in the workbook by Excel; the page's, kept in memory),
// checked and turned into the engine's. The Office store is in office/settings.ts.
import type { Cadence, RollupMode, Settings } from '../engine';
import { dayFromISO, isoFromDay } from '../engine';

/** What the settings form edits: plain text and numbers, empty meaning "not set here". */
export interface PaneSettings {
  asOf: string;
  greenThreshold: string;
  amberThreshold: string;
  defaultCadence: string;
  graceDays: string;
  slipAmberDays: string;
  slipRedDays: string;
  rollup: '' | RollupMode;
  /** Live updates in Excel: '' (on, the default) or 'off'. Not an engine setting. */
  liveUpdates: '' | 'off';
}

export const EMPTY_SETTINGS: PaneSettings = {
  asOf: '',
  greenThreshold: '',
  amberThreshold: '',
  defaultCadence: '',
  graceDays: '',
  slipAmberDays: '',
  slipRedDays: '',
  rollup: '',
  liveUpdates: '',
};

export interface SettingsStore {
  load(): Promise<PaneSettings>;
  save(settings: PaneSettings): Promise<void>;
}

const CADENCES: Record<string, Cadence> = {
  weekly: { unit: 'days', count: 7 },
  biweekly: { unit: 'days', count: 14 },
  monthly: { unit: 'months', count: 1 },
  quarterly: { unit: 'months', count: 3 },
};
export const CADENCE_CHOICES = Object.keys(CADENCES);

export interface SettingsProblem {
  field: keyof PaneSettings;
  message: string;
}

/** Host settings for the engine; a field left empty lets the workbook's Settings table decide. */
export function toEngineSettings(p: PaneSettings): { settings: Partial<Settings>; problems: SettingsProblem[] } {
  const settings: Partial<Settings> = {};
  const problems: SettingsProblem[] = [];
  if (p.asOf.trim()) {
    const day = dayFromISO(p.asOf.trim());
    if (day === null) problems.push({ field: 'asOf', message: 'Use a date like 2026-06-30.' });
    else settings.asOf = day;
  }
  const percent = (field: 'greenThreshold' | 'amberThreshold') => {
    const text = p[field].trim();
    if (!text) return;
    const n = Number(text.replace('%', ''));
    if (!Number.isFinite(n) || n <= 0 || n > 100) problems.push({ field, message: 'A percentage between 1 and 100.' });
    else settings[field] = n / 100;
  };
  percent('greenThreshold');
  percent('amberThreshold');
  for (const field of ['graceDays', 'slipAmberDays', 'slipRedDays'] as const) {
    const text = p[field].trim();
    if (!text) continue;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) problems.push({ field, message: 'A whole number of days, 0 or more.' });
    else settings[field] = n;
  }
  if (p.defaultCadence) {
    const c = CADENCES[p.defaultCadence];
    if (c) settings.defaultCadence = c;
    else problems.push({ field: 'defaultCadence', message: `One of ${CADENCE_CHOICES.join(', ')}.` });
  }
  if (p.rollup) settings.rollup = p.rollup;
  return { settings, problems };
}

export function describeAsOf(day: number): string {
  return isoFromDay(day);
}

/** Where the pane's settings live among the document's settings. */
export const SETTINGS_KEY = 'throughline.settings';

/** Saved settings as JSON, anything unexpected left out. */
export function parseSettings(json: unknown): PaneSettings {
  if (typeof json !== 'string') return { ...EMPTY_SETTINGS };
  try {
    const value = JSON.parse(json) as Partial<PaneSettings>;
    return {
      ...EMPTY_SETTINGS,
      ...Object.fromEntries(Object.entries(value).filter(([k, v]) => k in EMPTY_SETTINGS && typeof v === 'string')),
    };
  } catch {
    return { ...EMPTY_SETTINGS };
  }
}

/** Settings held in memory (the browser page keeps them with the open file until it is closed). */
export class MemorySettingsStore implements SettingsStore {
  constructor(private value: PaneSettings = { ...EMPTY_SETTINGS }) {}
  async load(): Promise<PaneSettings> {
    return { ...this.value };
  }
  async save(settings: PaneSettings): Promise<void> {
    this.value = { ...settings };
  }
}
