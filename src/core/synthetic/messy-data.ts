import type { Rng } from '../random/rng.js';
import { type CaseDraws, CRITICAL_SPELLING } from './case-draws.js';

/** How messy to make generated rows. */
export interface MessyDataRates {
  readonly missingRate: number;
  readonly unseenCategoryRate: number;
  readonly duplicateRate: number;
}

/**
 * Makes clean draws messy, in place: blanks amounts and risk levels, respells risk levels as
 * values a model never saw, and overwrites rows with copies of earlier ones. Each kind of mess
 * has its own generator, so that turning one on does not change the others' rows. The true
 * probabilities are those of the clean values (mess is a data-quality fault, not a fact).
 *
 * @example
 * applyMessiness(draws, { missingRate: 0.05, unseenCategoryRate: 0.01, duplicateRate: 0.01 }, rng);
 */
export function applyMessiness(draws: CaseDraws, rates: MessyDataRates, rng: Rng): void {
  const missingRng = rng.fork();
  const unseenRng = rng.fork();
  const duplicateRng = rng.fork();
  const rows = draws.income.length;
  if (rates.missingRate > 0) {
    for (let i = 0; i < rows; i++) {
      if (missingRng.next() < rates.missingRate) draws.income[i] = Number.NaN;
      if (missingRng.next() < rates.missingRate) draws.outcome[i] = Number.NaN;
      if (missingRng.next() < rates.missingRate) draws.risk[i] = -1;
    }
  }
  if (rates.unseenCategoryRate > 0) {
    for (let i = 0; i < rows; i++) {
      const level = draws.risk[i]!;
      if (level < 0 || unseenRng.next() >= rates.unseenCategoryRate) continue;
      // Half become CRITICAL, half the lowercase spelling of their level (LOW -> low, code + 3).
      draws.risk[i] = unseenRng.next() < 0.5 ? CRITICAL_SPELLING : level + 3;
    }
  }
  if (rates.duplicateRate > 0) {
    for (let i = 1; i < rows; i++) {
      if (duplicateRng.next() >= rates.duplicateRate) continue;
      copyRow(draws, duplicateRng.nextInt(i), i);
    }
  }
}

function copyRow(d: CaseDraws, from: number, to: number): void {
  d.caseNumber[to] = d.caseNumber[from]!;
  d.userNumber[to] = d.userNumber[from]!;
  d.day[to] = d.day[from]!;
  d.income[to] = d.income[from]!;
  d.outcome[to] = d.outcome[from]!;
  d.risk[to] = d.risk[from]!;
  d.conclusion[to] = d.conclusion[from]!;
  d.probability[to] = d.probability[from]!;
  d.label[to] = d.label[from]!;
}
