import { describe, expect, it } from 'vitest';
import { BinMapper } from './bin-mapper.js';
import { SplitCandidate } from './split-candidate.js';
import { findBestSplit } from './split-finder.js';
import { calcGain, calcWeight } from './split-gain.js';

const plain = { reg_lambda: 1, reg_alpha: 0, min_child_weight: 0 };

describe('calcGain and calcWeight', () => {
  it('follow XGBoost: G^2/(H+lambda) and -G/(H+lambda), with L1 soft thresholding', () => {
    expect(calcGain(-4, 3, plain)).toBe(4);
    expect(calcWeight(-4, 3, plain)).toBe(1);
    expect(calcWeight(-4, 3, { ...plain, reg_alpha: 1 })).toBe(0.75);
    expect(calcGain(-4, 3, { ...plain, reg_alpha: 1 })).toBe(9 / 4);
    expect(calcWeight(0.5, 3, { ...plain, reg_alpha: 1 })).toBe(0);
  });

  it('are 0 below min_child_weight', () => {
    expect(calcGain(-4, 3, { ...plain, min_child_weight: 5 })).toBe(0);
    expect(calcWeight(-4, 3, { ...plain, min_child_weight: 5 })).toBe(0);
  });
});

describe('findBestSplit', () => {
  // One feature with values 1, 2, 3 (bins 0, 1, 2) and a missing bin (3).
  const mapper = BinMapper.fit(
    { rowCount: 4, featureNames: ['x'], columns: [Float32Array.of(1, 2, 3, Number.NaN)] },
    256,
    0,
  );
  const features = Int32Array.of(0);

  it('finds the split with the largest gain, by hand', () => {
    // (grad, hess) per bin: bin0 (-2, 1), bin1 (-2, 1), bin2 (3, 1), missing (0, 0).
    const hist = Float64Array.of(-2, 1, -2, 1, 3, 1, 0, 0);
    const best = new SplitCandidate();
    findBestSplit(hist, 0, -1, 3, mapper, features, plain, best);
    // After bin 1: left (-4, 2) -> 16/3, right (3, 1) -> 9/2, parent (-1, 3) -> 1/4.
    expect(best.feature).toBe(0);
    expect(best.bin).toBe(1);
    expect(best.threshold).toBe(3);
    expect(best.lossChange).toBe(Math.fround(16 / 3 + 9 / 2 - Math.fround(1 / 4)));
    expect(best.defaultLeft).toBe(false);
    expect([best.leftGrad, best.leftHess, best.rightGrad, best.rightHess]).toEqual([-4, 2, 3, 1]);
  });

  it('sends missing values to the side that gains more', () => {
    // The missing rows look like bin 0's rows (negative gradients): they belong on the left.
    const hist = Float64Array.of(-2, 1, 3, 1, 3, 1, -2, 1);
    const best = new SplitCandidate();
    findBestSplit(hist, 0, 2, 4, mapper, features, plain, best);
    expect(best.defaultLeft).toBe(true);
    expect(best.bin).toBe(0);
    expect(best.threshold).toBe(2);
    expect(best.leftGrad).toBe(-4);
  });

  it('respects min_child_weight on both sides', () => {
    const hist = Float64Array.of(-2, 1, -2, 1, 3, 1, 0, 0);
    const best = new SplitCandidate();
    findBestSplit(hist, 0, -1, 3, mapper, features, { ...plain, min_child_weight: 1.5 }, best);
    expect(best.found).toBe(false);
  });
});
