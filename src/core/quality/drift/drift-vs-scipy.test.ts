import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignedCounts } from './aligned-counts.js';
import { chiSquareTest } from './chi-square-test.js';
import { chooseStattest } from './choose-stattest.js';
import { columnDrift } from './column-drift.js';
import { jensenShannonDistance } from './jensen-shannon-distance.js';
import { kolmogorovSurvival } from './kolmogorov-survival.js';
import { normedWasserstein } from './normed-wasserstein.js';
import { categoricalPsi, numericPsi } from './population-stability-index.js';
import { twoSampleKs } from './two-sample-ks.js';
import { wassersteinDistance } from './wasserstein-distance.js';
import { zTestProportions } from './z-test-proportions.js';

// Written by scripts/drift-fixtures.py with SciPy and numpy (Debian's python3-scipy).
const fixtures = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/drift/drift-fixtures.json', import.meta.url), 'utf8'),
) as {
  ks: { name: string; u: number[]; v: number[]; statistic: number; pValue: number }[];
  kstwo: { n: number; x: number; sf: number }[];
  categorical: {
    name: string;
    reference: Record<string, number>;
    current: Record<string, number>;
    chiSquare?: number;
    zTest?: number;
    jensenShannon: number;
    psi: number;
  }[];
  numeric: {
    name: string;
    u: number[];
    v: number[];
    wasserstein: number;
    normedWasserstein: number;
    psi: number;
    distinct: number;
  }[];
};

const sorted = (values: number[]) => Float64Array.from(values).sort();
const map = (counts: Record<string, number>) => new Map(Object.entries(counts));

/** Equal to SciPy's value within a relative tolerance, or an absolute one for values near 0. */
function expectClose(ours: number, theirs: number, what: string, relative = 1e-9, absolute = 1e-14): void {
  if (!Number.isFinite(theirs)) {
    expect(ours, what).toBe(theirs);
    return;
  }
  expect(Math.abs(ours - theirs), `${what}: ours ${ours}, SciPy ${theirs}`).toBeLessThanOrEqual(
    Math.max(absolute, relative * Math.abs(theirs)),
  );
}

describe('drift statistics against SciPy', () => {
  it('two-sample Kolmogorov-Smirnov: statistic and p-value, exact and asymptotic (ks_2samp)', () => {
    for (const c of fixtures.ks) {
      const result = twoSampleKs(sorted(c.u), sorted(c.v));
      expectClose(result.statistic, c.statistic, `${c.name} statistic`, 1e-12);
      expectClose(result.pValue, c.pValue, `${c.name} p-value`, 1e-8);
    }
  });

  it("the two-sided Kolmogorov distribution's survival function in every regime (kstwo.sf)", () => {
    // Pelz-Good and the matrix methods agree with SciPy's own implementation to about 1e-10.
    for (const c of fixtures.kstwo)
      expectClose(kolmogorovSurvival(c.n, c.x), c.sf, `kstwo.sf(${c.x}, ${c.n})`, 1e-8, 1e-13);
  });

  it('chi-square, z-test and Jensen-Shannon distance of categories, as Evidently computes them', () => {
    for (const c of fixtures.categorical) {
      const counts = alignedCounts(map(c.reference), map(c.current));
      if (c.chiSquare !== undefined)
        expectClose(chiSquareTest(counts), c.chiSquare, `${c.name} chi-square`, 1e-9, 1e-15);
      if (c.zTest !== undefined)
        expectClose(zTestProportions(counts), c.zTest, `${c.name} z-test`, 1e-9, 1e-15);
      expectClose(jensenShannonDistance(counts), c.jensenShannon, `${c.name} Jensen-Shannon`, 1e-12);
      expectClose(categoricalPsi(counts), c.psi, `${c.name} PSI`, 1e-12);
    }
  });

  it('Wasserstein distance, normed by the reference standard deviation, and PSI over reference deciles', () => {
    for (const c of fixtures.numeric) {
      const u = sorted(c.u);
      const v = sorted(c.v);
      expectClose(wassersteinDistance(u, v), c.wasserstein, `${c.name} Wasserstein`, 1e-10);
      expectClose(normedWasserstein(u, v), c.normedWasserstein, `${c.name} normed Wasserstein`, 1e-10);
      expectClose(numericPsi(u, v), c.psi, `${c.name} PSI`, 1e-12);
    }
  });
});

describe("Evidently's choice of test and verdict", () => {
  it('chooses by reference size, kind and distinct values', () => {
    expect(chooseStattest({ numeric: true, referenceRows: 1000, distinct: 6 })).toBe('ks');
    expect(chooseStattest({ numeric: true, referenceRows: 1000, distinct: 5 })).toBe('chisquare');
    expect(chooseStattest({ numeric: false, referenceRows: 500, distinct: 2 })).toBe('z');
    expect(chooseStattest({ numeric: false, referenceRows: 500, distinct: 3 })).toBe('chisquare');
    expect(chooseStattest({ numeric: true, referenceRows: 1001, distinct: 6 })).toBe('wasserstein');
    expect(chooseStattest({ numeric: true, referenceRows: 1001, distinct: 5 })).toBe('jensenshannon');
    expect(chooseStattest({ numeric: false, referenceRows: 70_000, distinct: 3 })).toBe('jensenshannon');
  });

  it('tests numbers with few values as categories and says drift by the score and its threshold', () => {
    const few = fixtures.numeric.find((c) => c.name === 'few values')!;
    const result = columnDrift(
      { kind: 'numeric', sorted: sorted(few.u) },
      { kind: 'numeric', sorted: sorted(few.v) },
    );
    expect(result.stattest).toBe('jensenshannon');
    expect(result.drifted).toBe(result.score >= 0.1);
    const shifted = fixtures.numeric.find((c) => c.name === 'money shifted')!;
    const money = columnDrift(
      { kind: 'numeric', sorted: sorted(shifted.u) },
      { kind: 'numeric', sorted: sorted(shifted.v) },
    );
    expect(money).toMatchObject({
      stattest: 'wasserstein',
      scoreKind: 'distance',
      threshold: 0.1,
      drifted: true,
    });
    expectClose(money.score, shifted.normedWasserstein, 'normed Wasserstein', 1e-10);
    expectClose(money.psi!, shifted.psi, 'PSI', 1e-12);
    const same = fixtures.ks.find((c) => c.name === '100 vs 150 same')!;
    const ks = columnDrift(
      { kind: 'numeric', sorted: sorted(same.u) },
      { kind: 'numeric', sorted: sorted(same.v) },
    );
    expect(ks).toMatchObject({
      stattest: 'ks',
      scoreKind: 'p_value',
      threshold: 0.05,
      drifted: same.pValue < 0.05,
    });
  });

  it('finds no drift between identical samples and refuses sides of different kinds', () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => (i * 7919) % 1000);
    values.sort();
    expect(
      columnDrift({ kind: 'numeric', sorted: values }, { kind: 'numeric', sorted: values }),
    ).toMatchObject({
      score: 0,
      drifted: false,
      psi: 0,
    });
    const counts = new Map([['LOW', 10]]);
    expect(() => columnDrift({ kind: 'numeric', sorted: values }, { kind: 'categorical', counts })).toThrow(
      /one kind/,
    );
  });
});
