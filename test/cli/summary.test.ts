import { objectiveList } from '../../src/apps/cli/summary';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `O${i + 1}`);

describe('the objectives a top risk reaches, in the summary', () => {
  it.each([
    [0, ''],
    [1, 'O1'],
    [8, 'O1, O2, O3, O4, O5, O6, O7, O8'],
    [9, 'O1, O2, O3, O4, O5, O6, O7, O8 … and 1 more (9 objectives)'],
    [1999, 'O1, O2, O3, O4, O5, O6, O7, O8 … and 1,991 more (1,999 objectives)'],
  ])('%i objectives: %j', (n, text) => {
    expect(objectiveList(ids(n))).toBe(text);
  });
});
