import { type BinnedMatrix, binMatrix } from '../gbdt/train-booster.js';
import type { LabelledRows } from './fold-split.js';

/** Bytes of binned folds a thread keeps by default (at 1M rows, one fold of 5 features is ~4 MB). */
const DEFAULT_BUDGET_BYTES = 256 * 1024 * 1024;

/**
 * The training rows of each fold binned once and reused by every candidate that trains on that
 * fold (the search's folds do not change between candidates; binning is a fifth of a small fit).
 * One per thread; least recently used folds are dropped beyond a byte budget.
 *
 * @example
 * const folds = new BinnedFolds();
 * const binned = folds.of('original', 2, train, 256, 0);
 */
export class BinnedFolds {
  readonly #budget: number;
  readonly #entries = new Map<string, BinnedMatrix>();
  #bytes = 0;

  constructor(budgetBytes = DEFAULT_BUDGET_BYTES) {
    this.#budget = budgetBytes;
  }

  /** The binned training rows of `fold` of `featureSet`, binned now unless kept from before. */
  of(featureSet: string, fold: number, train: LabelledRows, maxBin: number, seed: number): BinnedMatrix {
    const key = `${featureSet}\u0000${fold}\u0000${maxBin}\u0000${seed}`;
    const kept = this.#entries.get(key);
    if (kept) {
      this.#entries.delete(key);
      this.#entries.set(key, kept);
      return kept;
    }
    const binned = binMatrix(train.matrix, maxBin, seed);
    this.#entries.set(key, binned);
    this.#bytes += binned.codes.byteLength;
    for (const [oldKey, old] of this.#entries) {
      if (this.#bytes <= this.#budget || oldKey === key) break;
      this.#entries.delete(oldKey);
      this.#bytes -= old.codes.byteLength;
    }
    return binned;
  }
}
