import { afterAll, describe, expect, it } from 'vitest';
import { makeRandomBooster, makeRandomMatrix } from '../../../test/gbdt/make-random-booster.js';
import { packEnsemble } from '../../core/gbdt/predictor/packed-ensemble.js';
import { predictBatchMargin, predictBatchProbability } from '../../core/gbdt/predictor/predict-batch.js';
import { createPredictPool } from './predict-pool.js';

const packed = packEnsemble(makeRandomBooster({ seed: 2, trees: 30, depth: 6, features: 5 }));
const pool = await createPredictPool(packed, { threads: 2, minRowsPerThread: 1000 });
afterAll(() => pool.close());

describe('createPredictPool', () => {
  it('scores a batch on worker threads exactly as on the calling thread', async () => {
    const matrix = makeRandomMatrix(9, 20_001, 5);
    const expected = new Float64Array(matrix.rowCount);
    predictBatchMargin(packed, matrix, expected);
    const margins = new Float64Array(matrix.rowCount);
    await pool.predictMargin(matrix, margins);
    expect(margins).toEqual(expected);

    predictBatchProbability(packed, matrix, expected);
    const probabilities = new Float32Array(matrix.rowCount);
    await pool.predictProbability(matrix, probabilities);
    expect(probabilities).toEqual(Float32Array.from(expected));
  });

  it('reads shared columns in place and scores small batches on the calling thread', async () => {
    const matrix = makeRandomMatrix(10, 5000, 5);
    const columns = matrix.columns.map((c) => {
      const shared = new Float32Array(new SharedArrayBuffer(c.byteLength));
      shared.set(c);
      return shared;
    });
    const expected = new Float64Array(matrix.rowCount);
    predictBatchMargin(packed, matrix, expected);
    const out = new Float64Array(matrix.rowCount);
    await pool.predictMargin({ ...matrix, columns }, out);
    expect(out).toEqual(expected);
    const small = new Float64Array(10);
    await pool.predictMargin({ ...matrix, rowCount: 10 }, small);
    expect(small).toEqual(expected.subarray(0, 10));
  });

  it('keeps concurrent calls apart', async () => {
    const matrices = [makeRandomMatrix(20, 12_000, 5), makeRandomMatrix(21, 9_000, 5)];
    const outs = matrices.map((m) => new Float64Array(m.rowCount));
    await Promise.all(matrices.map((m, i) => pool.predictMargin(m, outs[i]!)));
    matrices.forEach((m, i) => {
      const expected = new Float64Array(m.rowCount);
      predictBatchMargin(packed, m, expected);
      expect(outs[i]).toEqual(expected);
    });
  });

  it('refuses a matrix of the wrong width with DATA_INVALID', async () => {
    const matrix = makeRandomMatrix(11, 5000, 4);
    await expect(pool.predictMargin(matrix, new Float64Array(5000))).rejects.toMatchObject({
      code: 'DATA_INVALID',
    });
  });
});
