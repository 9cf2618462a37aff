/** Steps of the grid in hundredths of a percent (1 = 0.01%): [step, last rate of the band]. */
const BANDS: readonly (readonly [step: number, end: number])[] = [
  [5, 500], // every 0.05% up to 5%: where analyst teams set their budgets
  [10, 1000], // every 0.1% up to 10%
  [50, 2500], // every 0.5% up to 25%
  [100, 10000], // every 1% up to 100%
];

/**
 * The alert rates a threshold table has a row for (255 rates): every 0.05% from 0.05% to 5%, every
 * 0.1% to 10%, every 0.5% to 25%, then every 1% to 100%. Fine where teams work (a capacity of 50 cases
 * out of 20,000 a day is 0.25%), coarse where nobody does. Built from integers so that each rate
 * is the decimal it names (0.0025, not 0.0025000000000000005).
 *
 * @example
 * ALERT_RATE_GRID.length; // 255
 * ALERT_RATE_GRID.slice(0, 3); // [0.0005, 0.001, 0.0015]
 */
export const ALERT_RATE_GRID: readonly number[] = (() => {
  const rates: number[] = [];
  let start = 0;
  for (const [step, end] of BANDS) {
    for (let at = start + step; at <= end; at += step) rates.push(at / 10000);
    start = end;
  }
  return rates;
})();
