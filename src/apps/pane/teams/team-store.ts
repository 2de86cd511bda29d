// Which team workbooks the Excel pane rolls up with the open one, kept in the workbook's document
// settings: only their file names and team keys. A browser cannot keep a file it was handed, so the
// files themselves must be picked again in a later session; the names say which.
import { saveDocumentSetting } from '../../../io/office/settings';

export interface TeamEntry {
  /** The file's name as picked ("proc.xlsx"). */
  name: string;
  key: string;
}

export interface TeamSetup {
  /** The open workbook's team key; null until one has been chosen or derived and saved. */
  selfKey: string | null;
  teams: TeamEntry[];
}

export interface TeamStore {
  load(): Promise<TeamSetup>;
  save(setup: TeamSetup): Promise<void>;
}

export const TEAM_SETTING = 'throughline.teamWorkbooks';

const EMPTY: TeamSetup = { selfKey: null, teams: [] };

/** Whatever is stored, as a setup: anything malformed is left out rather than trusted. */
export function parseTeamSetup(value: unknown): TeamSetup {
  if (typeof value !== 'string') return { ...EMPTY, teams: [] };
  try {
    const json = JSON.parse(value) as { selfKey?: unknown; teams?: unknown };
    const teams = Array.isArray(json.teams)
      ? json.teams.flatMap((t: unknown) => {
          const { name, key } = (t ?? {}) as { name?: unknown; key?: unknown };
          return typeof name === 'string' && name && typeof key === 'string' && key ? [{ name, key }] : [];
        })
      : [];
    return { selfKey: typeof json.selfKey === 'string' && json.selfKey ? json.selfKey : null, teams };
  } catch {
    return { ...EMPTY, teams: [] };
  }
}

/** Excel: Office document settings, saved inside the workbook. */
export class OfficeTeamStore implements TeamStore {
  async load(): Promise<TeamSetup> {
    return parseTeamSetup(Office.context.document.settings.get(TEAM_SETTING));
  }
  async save(setup: TeamSetup): Promise<void> {
    await saveDocumentSetting(TEAM_SETTING, JSON.stringify(setup));
  }
}

/** In memory, for tests and hosts without document settings. */
export class MemoryTeamStore implements TeamStore {
  constructor(private value: string | null = null) {}
  async load(): Promise<TeamSetup> {
    return parseTeamSetup(this.value);
  }
  async save(setup: TeamSetup): Promise<void> {
    this.value = JSON.stringify(setup);
  }
  /** What is stored, as Office would hold it. */
  get stored(): string | null {
    return this.value;
  }
}
