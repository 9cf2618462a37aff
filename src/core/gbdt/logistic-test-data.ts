import { Rng } from '../random/rng.js';
import type { Booster } from './booster.js';
import type { FeatureMatrix } from './feature-matrix.js';

/**
 * Test data for the engine's tests: rows with a known probability of label 1, a logistic function
 * of three features (one with missing values), so that the best achievable ROC AUC is known.
 *
 * @example
 * const { matrix, labels, probability } = logisticTestData(5000, 1);
 */
export function logisticTestData(
  rows: number,
  seed: number,
): { matrix: FeatureMatrix; labels: Float32Array; probability: Float64Array } {
  const rng = new Rng(seed);
  const a = new Float32Array(rows);
  const b = new Float32Array(rows);
  const c = new Float32Array(rows);
  const labels = new Float32Array(rows);
  const probability = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    a[r] = Math.exp(rng.normal() * 1.5);
    b[r] = rng.normal();
    c[r] = rng.nextInt(3);
    const missing = rng.next() < 0.1;
    const score = -3 + 0.8 * Math.log(a[r]!) + 1.2 * (b[r]! > 0.5 ? 1 : 0) + 0.7 * c[r]! + (missing ? 1 : 0);
    if (missing) b[r] = Number.NaN;
    probability[r] = 1 / (1 + Math.exp(-score));
    labels[r] = rng.next() < probability[r]! ? 1 : 0;
  }
  return {
    matrix: { rowCount: rows, featureNames: ['a', 'b', 'c'], columns: [a, b, c] },
    labels,
    probability,
  };
}

/**
 * Every byte of a booster's trees, in order: equal bytes mean equal models.
 *
 * @example
 * Buffer.from(treeBytes(a)).equals(Buffer.from(treeBytes(b))); // true for the same training
 */
export function treeBytes(booster: Booster): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const tree of booster.trees) {
    for (const array of [
      tree.left,
      tree.right,
      tree.parent,
      tree.splitFeature,
      tree.splitCondition,
      tree.defaultLeft,
      tree.baseWeight,
      tree.lossChange,
      tree.sumHessian,
    ]) {
      parts.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    }
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
