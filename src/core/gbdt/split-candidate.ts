/**
 * The best split found for a node, filled in place by {@link findBestSplit} (one object per node,
 * reused, so that split search allocates nothing).
 */
export class SplitCandidate {
  /** Loss reduction in float32, as XGBoost stores it; `-Infinity` when no valid split exists. */
  lossChange = Number.NEGATIVE_INFINITY;
  feature = -1;
  /** Rows whose bin is <= this go left (-1: no present value goes left). */
  bin = -1;
  /** The float32 condition: a row goes left when `x < threshold`. */
  threshold = 0;
  defaultLeft = false;
  leftGrad = 0;
  leftHess = 0;
  rightGrad = 0;
  rightHess = 0;

  reset(): void {
    this.lossChange = Number.NEGATIVE_INFINITY;
    this.feature = -1;
    this.bin = -1;
    this.threshold = 0;
    this.defaultLeft = false;
    this.leftGrad = 0;
    this.leftHess = 0;
    this.rightGrad = 0;
    this.rightHess = 0;
  }

  get found(): boolean {
    return this.feature >= 0;
  }
}
