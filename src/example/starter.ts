// Empty input tables with the right headers, for "Create starter sheets" in a blank workbook.
import type { SheetSpec } from './sheet-spec';

export const STARTER_SHEETS: SheetSpec[] = [
  {
    sheet: 'Objectives',
    table: 'Objectives',
    headers: ['ID', 'Name', 'Parent', 'Owner', 'Function', 'Weight', 'Value at Stake', 'Revenue Stream', 'Due'],
    rows: [],
  },
  {
    sheet: 'KPIs',
    table: 'KPIs',
    headers: [
      'ID',
      'Name',
      'Objective',
      'Direction',
      'Baseline',
      'Target',
      'Actual',
      'Unit',
      'Start',
      'Due',
      'Owner',
      'Function',
      'Cadence',
      'Updated',
      'Status',
    ],
    rows: [],
  },
  {
    sheet: 'Initiatives',
    table: 'Initiatives',
    headers: [
      'ID',
      'Name',
      'Objective',
      'Start',
      'Due',
      'Forecast',
      '% Complete',
      'Status',
      'Updated',
      'Owner',
      'Function',
      'Cadence',
    ],
    rows: [],
  },
  {
    sheet: 'Dependencies',
    table: 'Dependencies',
    headers: ['Upstream', 'Downstream', 'Lag', 'Note', 'Needed By', 'Committed', 'Status'],
    rows: [],
  },
  { sheet: 'Check-ins', table: 'History', headers: ['ID', 'Date', 'Value', 'Status'], rows: [] },
  {
    sheet: 'Settings',
    table: 'Settings',
    headers: ['Setting', 'Value'],
    rows: [
      ['As Of', null],
      ['Green Threshold', 0.95],
      ['Amber Threshold', 0.8],
      ['Default Cadence', 'monthly'],
      ['Grace Days', 3],
      ['Slip Amber Days', 0],
      ['Slip Red Days', 14],
      ['Rollup', 'weighted'],
    ],
  },
];

/** Headers whose cells hold dates, for number formats. */
export const DATE_HEADERS = new Set([
  'Due',
  'Start',
  'Forecast',
  'Forecast Finish',
  'Updated',
  'Last Updated',
  'Date',
  'Needed By',
  'Committed',
]);
