// The small workbook the ledger tests refresh: one objective, one KPI reported monthly, and History
// for March to May whose April value a test may revise.
export const O1 = ['O1', 'Grow', null, null, 1, null, null];
export const kpi = [
  'K1',
  'DSO',
  'O1',
  'Decrease',
  58,
  45,
  55,
  '2026-01-01',
  '2026-09-30',
  1,
  '2026-06-29',
  'Amber',
  'monthly',
];
export const history = (april: number) => [
  ['K1', '2026-03-31', 57, 'Amber'],
  ['K1', '2026-04-30', april, 'Amber'],
  ['K1', '2026-05-31', 55, 'Amber'],
];
