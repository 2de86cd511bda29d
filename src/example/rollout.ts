// The worked example as plain data: the order-to-cash roll-out of examples/README.md, as of 2026-06-30.
// The file generator (scripts/make-example.ts) and the pane's "Insert example" both build from it.
import type { SheetSpec } from './sheet-spec';

export const EXAMPLE_AS_OF = '2026-06-30';

const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
type Row = (string | number | Date | null)[];

export const ABOUT = [
  'Throughline example: the order-to-cash roll-out',
  '',
  'A subscription business is moving EMEA, the Americas and APAC onto one order-to-cash platform.',
  'Procurement signs the licence and hardware contracts, IT builds the billing integration and migrates',
  'the data, and each region trains its people and cuts over. Revenue growth depends on every step.',
  '',
  'Almost every team reports Green. The data says otherwise: the licence contract was due in May and is',
  'still "On track", the integration and migration are pushed months out, and the EMEA and Americas',
  'cut-overs that bookings depend on cannot happen on time. Some check-ins look sanitized.',
  '',
  'Run `npm start` in the project folder: Throughline refreshes a copy of this workbook, adds computed',
  'columns beside each table and a Risks sheet listing what needs attention, each row linked to its source.',
  'The Dependencies sheet is a plain range with a title above it, to show that formal tables are optional.',
];

const OBJECTIVES = {
  headers: ['ID', 'Objective', 'Parent', 'Owner', 'Function', 'Weight', 'Value at Stake', 'Revenue Stream', 'Due'],
  rows: [
    ['OBJ-1', 'Grow recurring revenue 12% in FY2026', null, 'CEO', 'Executive', 1, null, null, d('2026-12-31')],
    ['OBJ-2', 'Launch order-to-cash in EMEA', 'OBJ-1', 'L. Moreau', 'Regional Ops EMEA', 2, 4_500_000, 'EMEA Subscriptions', d('2026-09-30')],
    ['OBJ-3', 'Launch order-to-cash in the Americas', 'OBJ-1', 'D. Alvarez', 'Regional Ops Americas', 2, 5_200_000, 'Americas Subscriptions', d('2026-10-31')],
    ['OBJ-4', 'Launch order-to-cash in APAC', 'OBJ-1', 'K. Tan', 'Regional Ops APAC', 1, 2_800_000, 'APAC Subscriptions', d('2026-12-15')],
    ['OBJ-5', 'EMEA billing cut-over without revenue leakage', 'OBJ-2', 'L. Moreau', 'Finance', 1, null, 'EMEA Subscriptions', d('2026-09-30')],
    ['OBJ-6', 'APAC partner channel ready to resell', 'OBJ-4', 'K. Tan', 'Partnerships', 1, 600_000, 'APAC Partner Resale', d('2026-11-30')],
    ['OBJ-7', 'One platform foundation for all regions', 'OBJ-1', 'S. Ibrahim', 'IT', 1, null, null, d('2026-08-31')],
  ] as Row[],
};

const KPIS = {
  headers: ['KPI ID', 'KPI', 'Objective ID', 'Direction', 'Baseline', 'Target', 'Actual', 'Unit', 'Start', 'Due', 'Owner', 'Function', 'Cadence', 'Last Updated', 'RAG'],
  rows: [
    ['KPI-1', 'EMEA new subscription bookings', 'OBJ-2', 'Increase', 0, 1_800_000, 610_000, '$', d('2026-01-01'), d('2026-12-31'), 'L. Moreau', 'Sales EMEA', 'monthly', d('2026-06-26'), 'Green'],
    ['KPI-2', 'EMEA days sales outstanding', 'OBJ-5', 'lower is better', 58, 45, 55, 'days', d('2026-01-01'), d('2026-09-30'), 'P. Novak', 'Finance', 'monthly', d('2026-06-29'), 'Amber'],
    ['KPI-3', 'Americas new subscription bookings', 'OBJ-3', 'Increase', null, 2_100_000, 1_080_000, '$', d('2026-01-01'), d('2026-12-31'), 'D. Alvarez', 'Sales Americas', 'monthly', d('2026-06-28'), 'Green'],
    ['KPI-4', 'APAC partners signed', 'OBJ-6', 'Increase', 0, 40, 9, 'partners', d('2026-02-01'), d('2026-11-30'), 'K. Tan', 'Partnerships', 'monthly', d('2026-04-10'), 'On track'],
    ['KPI-5', 'EMEA invoice accuracy', 'OBJ-5', 'Increase', 0.9, 0.99, 0.955, '%', d('2026-01-01'), d('2026-09-30'), 'P. Novak', 'Finance', 'monthly', d('2026-06-29'), 'Green'],
    ['KPI-6', 'Platform uptime in pilot', 'OBJ-7', 'Increase', null, 0.995, 0.997, '%', null, null, 'S. Ibrahim', 'IT', 'weekly', d('2026-06-29'), 'Green'],
    ['KPI-7', 'Americas order-to-cash cycle time', 'OBJ-3', 'Decrease', null, 30, 34, 'days', d('2026-01-01'), d('2026-10-31'), 'D. Alvarez', 'Finance', 'monthly', null, 'Green'],
    ['KPI-8', 'APAC new subscription bookings', 'OBJ-4', 'Increase', 0, 900_000, 240_000, '$', d('2026-03-01'), d('2026-12-31'), 'K. Tan', 'Sales APAC', 'monthly', d('2026-06-27'), 'Amber'],
  ] as Row[],
};

const INITIATIVES = {
  headers: ['ID', 'Name', 'Supports', 'Function', 'Owner', 'Start', 'Due', 'Forecast Finish', '% Complete', 'Status', 'Last Updated', 'Cadence'],
  rows: [
    ['INI-1', 'Sign ERP licence and hosting contract', 'OBJ-7', 'Procurement', 'M. Okafor', d('2026-02-01'), d('2026-05-15'), d('2026-07-10'), 0.8, 'On track', d('2026-05-02'), 'biweekly'],
    ['INI-2', 'Procure regional hardware (EMEA, APAC)', 'OBJ-7', 'Procurement', 'M. Okafor', d('2026-03-01'), d('2026-06-15'), d('2026-07-10'), 0.6, 'Green', d('2026-06-20'), 'weekly'],
    ['INI-3', 'Build billing integration (ERP to CRM)', 'OBJ-7', 'IT', 'S. Ibrahim', d('2026-04-01'), d('2026-07-31'), null, 0.72, 'Green', d('2026-06-26'), 'biweekly'],
    ['INI-4', 'Data migration tooling and dry runs', 'OBJ-7', 'IT', 'R. Chen', d('2026-05-01'), d('2026-08-15'), null, 0.55, 'Green', d('2026-06-29'), 'weekly'],
    ['INI-5', 'EMEA finance team training', 'OBJ-2', 'Regional Ops EMEA', 'L. Moreau', d('2026-05-01'), d('2026-08-31'), null, 0.4, 'Green', d('2026-06-25'), 'monthly'],
    ['INI-6', 'EMEA billing cut-over', 'OBJ-5', 'Regional Ops EMEA', 'L. Moreau', d('2026-08-01'), d('2026-09-15'), null, 0, 'Red', d('2026-06-29'), 'monthly'],
    ['INI-7', 'Americas billing cut-over', 'OBJ-3', 'Regional Ops Americas', 'D. Alvarez', d('2026-08-15'), d('2026-10-15'), null, 0, 'Green', d('2026-06-28'), 'monthly'],
    ['INI-8', 'APAC partner onboarding programme', 'KPI-4', 'Partnerships', 'K. Tan', d('2026-03-01'), d('2026-07-31'), null, 0.92, 'Green', d('2026-06-28'), 'monthly'],
    ['INI-9', 'Americas sales enablement', 'KPI-3', 'Sales Americas', 'J. Brooks', d('2026-01-31'), d('2026-07-31'), null, 150 / 181, 'Green', d('2026-06-30'), 'monthly'],
    ['INI-10', 'APAC regional cut-over', 'OBJ-4', 'Regional Ops APAC', 'K. Tan', d('2026-09-01'), d('2026-11-30'), null, 0, 'Green', d('2026-06-27'), 'monthly'],
    ['INI-11', 'Month-end close redesign', 'OBJ-1', 'Finance', 'P. Novak', d('2026-01-15'), d('2026-04-30'), null, 1, 'Green', d('2026-05-02'), 'monthly'],
    ['INI-12', 'Chart of accounts harmonisation', 'OBJ-7', 'Finance', 'P. Novak', d('2026-02-01'), d('2026-07-15'), null, 0.75, 'Amber', d('2026-06-24'), 'biweekly'],
    ['INI-13', 'Customer communications for the billing change', 'OBJ-2', 'Marketing', 'A. Silva', d('2026-06-01'), d('2026-09-01'), null, 0.3, 'Green', null, 'monthly'],
    ['INI-14', 'Tax engine configuration', 'OBJ-7', 'IT', 'R. Chen', d('2026-03-01'), d('2026-08-31'), null, 0.65, 'Green', d('2026-06-29'), 'weekly'],
  ] as Row[],
};

const DEPENDENCIES = {
  title: 'Cross-functional dependencies: who waits on whom',
  headers: ['Upstream', 'Downstream', 'Lag', 'Note'],
  rows: [
    ['INI-1', 'INI-3', 5, 'Integration build needs the licences and hosting in place'],
    ['INI-1', 'INI-14', 0, 'Tax engine is licensed with the ERP'],
    ['INI-12', 'INI-3', 0, 'Integration maps to the harmonised chart of accounts'],
    ['INI-3', 'INI-4', 0, 'Migration dry runs need the integration'],
    ['INI-2', 'INI-6', 7, 'EMEA hardware racked a week before cut-over'],
    ['INI-4', 'INI-6', 3, 'EMEA cut-over after a clean dry run'],
    ['INI-5', 'INI-6', 0, 'Finance staff trained before go-live'],
    ['INI-9', 'INI-7', 0, 'Americas cut-over once the sales teams sell the new plans'],
    ['INI-2', 'INI-10', 7, 'APAC hardware racked a week before cut-over'],
    ['INI-4', 'INI-10', 0, 'APAC cut-over after a clean dry run'],
    ['INI-6', 'KPI-1', 0, 'New EMEA bookings are billed on the new platform'],
    ['INI-10', 'KPI-8', 0, 'New APAC bookings are billed on the new platform'],
    ['INI-8', 'KPI-4', 0, 'Partners sign once onboarding is ready'],
  ] as Row[],
};

/** INI-9's check-ins sit exactly on its straight line from 2026-01-31 to 2026-07-31 (181 days). */
const onPlan = (iso: string) => (d(iso).getTime() - d('2026-01-31').getTime()) / 86_400_000 / 181;

const HISTORY = {
  headers: ['ID', 'Date', 'Value', 'Status'],
  rows: [
    // KPI-1: bookings climb slowly while every report says Green.
    ['KPI-1', d('2026-02-28'), 150_000, 'Green'],
    ['KPI-1', d('2026-03-31'), 260_000, 'Green'],
    ['KPI-1', d('2026-04-30'), 380_000, 'Green'],
    ['KPI-1', d('2026-05-31'), 500_000, 'Green'],
    ['KPI-1', d('2026-06-26'), 610_000, 'Green'],
    // KPI-2: DSO reported as 55 days four months running.
    ['KPI-2', d('2026-02-28'), 57, 'Amber'],
    ['KPI-2', d('2026-03-31'), 55, 'Amber'],
    ['KPI-2', d('2026-04-30'), 55, 'Amber'],
    ['KPI-2', d('2026-05-31'), 55, 'Amber'],
    ['KPI-2', d('2026-06-29'), 55, 'Amber'],
    // INI-1: the contract's last check-in was early May.
    ['INI-1', d('2026-02-28'), 0.2, 'Green'],
    ['INI-1', d('2026-03-31'), 0.5, 'Green'],
    ['INI-1', d('2026-04-30'), 0.8, 'Green'],
    // INI-6: Green, Green, Green, then Red with nothing in between.
    ['INI-6', d('2026-03-31'), 0, 'Green'],
    ['INI-6', d('2026-04-30'), 0, 'Green'],
    ['INI-6', d('2026-05-31'), 0, 'Green'],
    ['INI-6', d('2026-06-29'), 0, 'Red'],
    // INI-8: "nearly done" for three check-ins.
    ['INI-8', d('2026-02-28'), 0.6, 'Green'],
    ['INI-8', d('2026-03-31'), 0.78, 'Green'],
    ['INI-8', d('2026-04-30'), 0.9, 'Green'],
    ['INI-8', d('2026-05-31'), 0.92, 'Green'],
    ['INI-8', d('2026-06-28'), 0.92, 'Green'],
    // INI-9: every check-in exactly on the plan line.
    ...['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30'].map((iso) => ['INI-9', d(iso), onPlan(iso), 'Green']),
    // INI-12: an honest Amber.
    ['INI-12', d('2026-04-30'), 0.5, 'Green'],
    ['INI-12', d('2026-05-31'), 0.62, 'Amber'],
    ['INI-12', d('2026-06-24'), 0.75, 'Amber'],
  ] as Row[],
};

const SETTINGS = {
  headers: ['Setting', 'Value'],
  rows: [
    ['As Of', d(EXAMPLE_AS_OF)],
    ['Green Threshold', 0.95],
    ['Amber Threshold', 0.8],
    ['Default Cadence', 'monthly'],
    ['Grace Days', 3],
    ['Slip Amber Days', 0],
    ['Slip Red Days', 14],
    ['Rollup', 'weighted'],
  ] as Row[],
};

export const EXAMPLE_FORMATS: Record<string, string> = {
  'Value at Stake': '$#,##0',
  Due: 'yyyy-mm-dd',
  Start: 'yyyy-mm-dd',
  'Forecast Finish': 'yyyy-mm-dd',
  'Last Updated': 'yyyy-mm-dd',
  Date: 'yyyy-mm-dd',
  '% Complete': '0%',
};

/** The example's tables, for the portfolio example that splits them by team. */
export const EXAMPLE_TABLES = { OBJECTIVES, KPIS, INITIATIVES, DEPENDENCIES, HISTORY, SETTINGS };

/** Every sheet of the example in workbook order (About first). */
export const EXAMPLE_SHEETS: SheetSpec[] = [
  { sheet: 'Objectives', table: 'Objectives', ...OBJECTIVES },
  { sheet: 'KPIs', table: 'KPIs', ...KPIS },
  { sheet: 'Initiatives', table: 'Initiatives', ...INITIATIVES },
  // A plain header-row range, no table, with a title two rows above its header.
  { sheet: 'Dependencies', table: null, title: DEPENDENCIES.title, headers: DEPENDENCIES.headers, rows: DEPENDENCIES.rows },
  // Excel reserves the sheet name "History", so the History table lives on a sheet called Check-ins.
  { sheet: 'Check-ins', table: 'History', ...HISTORY },
  { sheet: 'Settings', table: 'Settings', ...SETTINGS },
];
