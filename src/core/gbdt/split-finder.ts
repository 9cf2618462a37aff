import type { BinMapper } from './bin-mapper.js';
import type { SplitCandidate } from './split-candidate.js';
import { calcGain, type GainParams } from './split-gain.js';

/**
 * Finds the best split of a node from its gradient/hessian histogram, as XGBoost 1.7's hist
 * evaluator: for each feature, bins enumerated forward (missing values right) and, when the node has
 * missing values of that feature, backward (missing values left); both children need a hessian sum
 * of at least `min_child_weight`; ties keep the lower feature, then the first bin found.
 *
 * `hist` holds the node at `base` as interleaved (gradient, hessian) per bin, laid out by
 * `mapper.binOffsets`; `features` lists the features to consider (colsample_bytree).
 *
 * @example
 * const best = new SplitCandidate();
 * findBestSplit(hist, 0, nodeGrad, nodeHess, mapper, features, params, best);
 * if (best.found) console.log(best.feature, best.threshold, best.lossChange);
 */
export function findBestSplit(
  hist: Float64Array,
  base: number,
  nodeGrad: number,
  nodeHess: number,
  mapper: BinMapper,
  features: Int32Array,
  params: GainParams,
  out: SplitCandidate,
): void {
  out.reset();
  const minChild = params.min_child_weight;
  const rootGain = Math.fround(calcGain(nodeGrad, nodeHess, params));
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    const start = base + 2 * mapper.binOffsets[f]!;
    const valueBins = mapper.binCounts[f]! - 1;
    const cuts = mapper.features[f]!.cuts;
    let lg = 0;
    let lh = 0;
    for (let b = 0; b < valueBins; b++) {
      lg += hist[start + 2 * b]!;
      lh += hist[start + 2 * b + 1]!;
      const rg = nodeGrad - lg;
      const rh = nodeHess - lh;
      if (lh >= minChild && rh >= minChild) {
        const loss = Math.fround(calcGain(lg, lh, params) + calcGain(rg, rh, params) - rootGain);
        if (replaces(out, loss, f)) set(out, loss, f, b, cuts[b]!, false, lg, lh, rg, rh);
      }
    }
    const missingGrad = hist[start + 2 * valueBins]!;
    const missingHess = hist[start + 2 * valueBins + 1]!;
    if (missingGrad === 0 && missingHess === 0) continue;
    let rg = 0;
    let rh = 0;
    for (let b = valueBins - 1; b >= 0; b--) {
      rg += hist[start + 2 * b]!;
      rh += hist[start + 2 * b + 1]!;
      const lg2 = nodeGrad - rg;
      const lh2 = nodeHess - rh;
      if (lh2 >= minChild && rh >= minChild) {
        const loss = Math.fround(calcGain(lg2, lh2, params) + calcGain(rg, rh, params) - rootGain);
        if (replaces(out, loss, f)) {
          const threshold = b === 0 ? mapper.features[f]!.minValue : cuts[b - 1]!;
          set(out, loss, f, b - 1, threshold, true, lg2, lh2, rg, rh);
        }
      }
    }
  }
}

/**
 * XGBoost's `SplitEntry::NeedReplace`: strictly better, or as good on a lower feature; the empty
 * entry has loss 0, so only positive losses are kept.
 */
function replaces(best: SplitCandidate, loss: number, feature: number): boolean {
  if (!Number.isFinite(loss)) return false;
  if (best.feature < 0) return loss > 0;
  return best.feature <= feature ? loss > best.lossChange : !(best.lossChange > loss);
}

function set(
  out: SplitCandidate,
  loss: number,
  feature: number,
  bin: number,
  threshold: number,
  defaultLeft: boolean,
  lg: number,
  lh: number,
  rg: number,
  rh: number,
): void {
  out.lossChange = loss;
  out.feature = feature;
  out.bin = bin;
  out.threshold = threshold;
  out.defaultLeft = defaultLeft;
  out.leftGrad = lg;
  out.leftHess = lh;
  out.rightGrad = rg;
  out.rightHess = rh;
}
