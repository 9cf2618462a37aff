import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureMatrix } from '../../src/core/gbdt/feature-matrix.js';
import type { CasesMatrix } from './cases-matrix.js';

/**
 * The data both sides read: `<split>_x.f32` (row-major float32, rows x features, NaN for missing)
 * and `<split>_y.f32`, the same bytes numpy reads with `fromfile(..., dtype=float32)`.
 */
export function writeSplit(dir: string, split: 'train' | 'test', cases: CasesMatrix): void {
  const { matrix, labels } = cases;
  const features = matrix.columns.length;
  const x = new Float32Array(matrix.rowCount * features);
  for (let f = 0; f < features; f++) {
    const column = matrix.columns[f]!;
    for (let r = 0; r < matrix.rowCount; r++) x[r * features + f] = column[r]!;
  }
  writeFileSync(join(dir, `${split}_x.f32`), x);
  writeFileSync(join(dir, `${split}_y.f32`), labels);
}

/** Reads a split written by {@link writeSplit} back into columns. */
export function readSplit(
  dir: string,
  split: 'train' | 'test',
  featureNames: readonly string[],
): CasesMatrix {
  const xBytes = readFileSync(join(dir, `${split}_x.f32`));
  const x = new Float32Array(xBytes.buffer, xBytes.byteOffset, xBytes.byteLength / 4);
  const yBytes = readFileSync(join(dir, `${split}_y.f32`));
  const labels = new Float32Array(
    yBytes.buffer.slice(yBytes.byteOffset, yBytes.byteOffset + yBytes.byteLength),
  );
  const features = featureNames.length;
  const rows = x.length / features;
  const columns = featureNames.map((_, f) => {
    const column = new Float32Array(rows);
    for (let r = 0; r < rows; r++) column[r] = x[r * features + f]!;
    return column;
  });
  const matrix: FeatureMatrix = { rowCount: rows, featureNames, columns };
  return { matrix, labels };
}
