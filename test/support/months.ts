/** The month `n` months before `month` (both YYYY-MM): the tests and benches count their months back from today. */
export const monthsBefore = (month: string, n: number): string => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};
