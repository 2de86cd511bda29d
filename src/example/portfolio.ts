// The example split into the workbooks each team keeps: a hub with the objectives, the central
// finance work, the settings and a Portfolio table, and one workbook each for Procurement, IT, EMEA,
// the Americas and APAC. A dependency lives with the team that waits; it names another team's item
// as TEAM:ID, except where a team typed a plain ID that only one other workbook has.
import type { SheetSpec, SpecValue } from './sheet-spec';
import { EXAMPLE_TABLES } from './rollout';

type Row = SpecValue[];

export interface TeamWorkbook {
  key: string;
  file: string;
  owner: string;
  sheets: SheetSpec[];
}

/** Which team keeps each KPI and initiative. */
export const TEAM_OF: Record<string, string> = {
  'INI-1': 'PROC',
  'INI-2': 'PROC',
  'INI-3': 'IT',
  'INI-4': 'IT',
  'INI-14': 'IT',
  'KPI-6': 'IT',
  'KPI-1': 'EMEA',
  'KPI-2': 'EMEA',
  'KPI-5': 'EMEA',
  'INI-5': 'EMEA',
  'INI-6': 'EMEA',
  'INI-13': 'EMEA',
  'KPI-3': 'AMER',
  'KPI-7': 'AMER',
  'INI-7': 'AMER',
  'INI-9': 'AMER',
  'KPI-4': 'APAC',
  'KPI-8': 'APAC',
  'INI-8': 'APAC',
  'INI-10': 'APAC',
  'INI-11': 'HUB',
  'INI-12': 'HUB',
};

const TEAMS = [
  { key: 'PROC', file: 'proc.xlsx', owner: 'M. Okafor', name: 'Procurement' },
  { key: 'IT', file: 'it.xlsx', owner: 'S. Ibrahim', name: 'IT' },
  { key: 'EMEA', file: 'emea.xlsx', owner: 'L. Moreau', name: 'Regional Ops EMEA' },
  { key: 'AMER', file: 'amer.xlsx', owner: 'D. Alvarez', name: 'Regional Ops Americas' },
  { key: 'APAC', file: 'apac.xlsx', owner: 'K. Tan', name: 'Regional Ops APAC' },
];

/** References a team typed as plain IDs although the item is another team's: the portfolio resolves them. */
const TYPED_PLAIN = new Set(['IT<INI-1']);

/** How a team refers to an item: plain inside its own workbook (and objectives, which only the hub has), TEAM:ID elsewhere. */
function reference(team: string, id: string): string {
  const owner = TEAM_OF[id];
  if (owner === undefined || owner === team || TYPED_PLAIN.has(`${team}<${id}`)) return id;
  return `${owner}:${id}`;
}

function teamSheets(team: string): SheetSpec[] {
  const { KPIS, INITIATIVES, DEPENDENCIES, HISTORY } = EXAMPLE_TABLES;
  const mine = (rows: Row[]) => rows.filter((r) => TEAM_OF[String(r[0])] === team);
  const kpis = mine(KPIS.rows);
  const initiatives = mine(INITIATIVES.rows).map((r) => {
    const row = [...r];
    row[2] = reference(team, String(r[2]));
    return row;
  });
  const dependencies = DEPENDENCIES.rows
    .filter((r) => TEAM_OF[String(r[1])] === team)
    .map((r) => [reference(team, String(r[0])), ...r.slice(1)]);
  const history = mine(HISTORY.rows);
  const sheets: SheetSpec[] = [];
  if (kpis.length > 0) sheets.push({ sheet: 'KPIs', table: 'KPIs', headers: KPIS.headers, rows: kpis });
  if (initiatives.length > 0)
    sheets.push({ sheet: 'Initiatives', table: 'Initiatives', headers: INITIATIVES.headers, rows: initiatives });
  if (dependencies.length > 0)
    sheets.push({
      sheet: 'Dependencies',
      table: null,
      title: 'What we wait on',
      headers: DEPENDENCIES.headers,
      rows: dependencies,
    });
  if (history.length > 0)
    sheets.push({ sheet: 'Check-ins', table: 'History', headers: HISTORY.headers, rows: history });
  return sheets;
}

export function portfolioExample(): TeamWorkbook[] {
  const { OBJECTIVES, SETTINGS } = EXAMPLE_TABLES;
  const hub: TeamWorkbook = {
    key: 'HUB',
    file: 'hub.xlsx',
    owner: 'PMO',
    sheets: [
      {
        sheet: 'Portfolio',
        table: 'Portfolio',
        headers: ['Team', 'Path', 'Owner'],
        rows: TEAMS.map((t) => [t.key, t.file, t.owner]),
      },
      { sheet: 'Objectives', table: 'Objectives', headers: OBJECTIVES.headers, rows: OBJECTIVES.rows },
      ...teamSheets('HUB'),
      { sheet: 'Settings', table: 'Settings', headers: SETTINGS.headers, rows: SETTINGS.rows },
    ],
  };
  return [hub, ...TEAMS.map((t) => ({ key: t.key, file: t.file, owner: t.owner, sheets: teamSheets(t.key) }))];
}
