import { describe, expect, it } from 'vitest';
import { stratifiedSplit } from '../../src/core/dataset/index.js';
import { Rng } from '../../src/core/random/index.js';

function labelsOf(positives: number, negatives: number): Uint8Array {
  // Interleaved so that a split by position alone would not be stratified by chance.
  const labels = new Uint8Array(positives + negatives);
  const rng = new Rng(1);
  for (let i = 0; i < positives; i++) labels[i] = 1;
  return rng.shuffle(labels);
}

const count = (labels: Uint8Array, rows: Uint32Array, label: number): number =>
  rows.reduce((n, row) => n + (labels[row] === label ? 1 : 0), 0);

describe('stratifiedSplit', () => {
  it('holds out test_size of each class', () => {
    const labels = labelsOf(120, 880);
    const { train, test } = stratifiedSplit(labels, 0.3, new Rng(42));
    expect(count(labels, test, 1)).toBe(36);
    expect(count(labels, test, 0)).toBe(264);
    expect(test.length).toBe(300);
    expect(train.length).toBe(700);
  });

  it('returns disjoint, ascending index arrays that cover every row once', () => {
    const labels = labelsOf(30, 70);
    const { train, test } = stratifiedSplit(labels, 0.25, new Rng(3));
    expect(train).toBeInstanceOf(Uint32Array);
    const all = [...train, ...test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
    for (const part of [train, test])
      for (let i = 1; i < part.length; i++) expect(part[i]!).toBeGreaterThan(part[i - 1]!);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const labels = labelsOf(50, 450);
    const a = stratifiedSplit(labels, 0.3, new Rng(7));
    const b = stratifiedSplit(labels, 0.3, new Rng(7));
    const c = stratifiedSplit(labels, 0.3, new Rng(8));
    expect([...a.test]).toEqual([...b.test]);
    expect([...a.test]).not.toEqual([...c.test]);
  });

  it('puts a rare class in both parts when it has at least two rows', () => {
    const labels = labelsOf(2, 98);
    const { train, test } = stratifiedSplit(labels, 0.1, new Rng(42));
    expect(count(labels, train, 1)).toBe(1);
    expect(count(labels, test, 1)).toBe(1);
    // A class of one row can only be in train.
    const single = stratifiedSplit(labelsOf(1, 20), 0.3, new Rng(42));
    expect(count(labelsOf(1, 20), single.train, 1)).toBe(1);
  });

  it('refuses data too small to split, and a test size outside (0, 1)', () => {
    expect(() => stratifiedSplit(Uint8Array.of(0, 1), 0.3, new Rng(1))).toThrow(
      expect.objectContaining({ code: 'DATA_TOO_SMALL' }),
    );
    expect(() => stratifiedSplit(labelsOf(5, 5), 1, new Rng(1))).toThrow(
      expect.objectContaining({ code: 'USAGE' }),
    );
  });
});
