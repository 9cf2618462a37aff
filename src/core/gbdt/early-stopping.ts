/**
 * XGBoost's `EarlyStopping` callback: remembers the best score and its iteration, and says to stop
 * once `rounds` iterations passed without a strict improvement.
 *
 * @example
 * const stopper = new EarlyStopping(10, true);
 * if (stopper.update(iteration, auc)) break;
 * stopper.bestIteration;
 */
export class EarlyStopping {
  readonly #rounds: number;
  readonly #maximize: boolean;
  bestIteration = -1;
  bestScore = Number.NaN;

  constructor(rounds: number, maximize: boolean) {
    this.#rounds = rounds;
    this.#maximize = maximize;
  }

  /** Records the score of `iteration`; true when training should stop. */
  update(iteration: number, score: number): boolean {
    const improved =
      this.bestIteration < 0 || (this.#maximize ? score > this.bestScore : score < this.bestScore);
    if (improved) {
      this.bestIteration = iteration;
      this.bestScore = score;
      return false;
    }
    return iteration - this.bestIteration >= this.#rounds;
  }
}
