import { AmlopsError } from '../errors/index.js';
import type { FeatureMatrix } from './feature-matrix.js';
import type { Objective } from './objective.js';

/**
 * Checks a feature matrix and its labels before training; throws `MODEL_TRAINING_DATA_INVALID`
 * naming the data set, the column or the row: an empty set, columns of the wrong length, infinite
 * feature values, labels of the wrong length, non-finite labels, labels the objective cannot use.
 *
 * @example
 * validateTrainingData(matrix, labels, objectiveByName('binary:logistic'), 'training set');
 */
export function validateTrainingData(
  matrix: FeatureMatrix,
  labels: Float32Array,
  objective: Objective,
  what: string,
  expectedFeatures?: readonly string[],
): void {
  const n = matrix.rowCount;
  if (!Number.isInteger(n) || n <= 0) fail(`${what} is empty: it has ${n} rows`, { rows: n });
  if (matrix.columns.length === 0) fail(`${what} has no feature columns`, { columns: 0 });
  if (matrix.featureNames.length !== matrix.columns.length) {
    fail(`${what} has ${matrix.columns.length} columns but ${matrix.featureNames.length} feature names`, {
      columns: matrix.columns.length,
      featureNames: matrix.featureNames.length,
    });
  }
  if (expectedFeatures && expectedFeatures.join('\u0000') !== matrix.featureNames.join('\u0000')) {
    fail(
      `${what} has features [${matrix.featureNames.join(', ')}]; expected [${expectedFeatures.join(', ')}]`,
      {
        featureNames: matrix.featureNames,
      },
    );
  }
  matrix.columns.forEach((column, f) => {
    const name = matrix.featureNames[f];
    if (!(column instanceof Float32Array))
      fail(`column '${name}' of ${what} must be a Float32Array`, { column: name });
    if (column.length !== n) {
      fail(`column '${name}' of ${what} has ${column.length} values; expected ${n}`, {
        column: name,
        length: column.length,
      });
    }
    for (let r = 0; r < n; r++) {
      const v = column[r]!;
      if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) {
        fail(`column '${name}' of ${what} has an infinite value at row ${r}; use NaN for a missing value`, {
          column: name,
          row: r,
        });
      }
    }
  });
  if (labels.length !== n)
    fail(`labels of ${what} have ${labels.length} values; expected ${n}`, {
      column: 'labels',
      length: labels.length,
    });
  for (let r = 0; r < n; r++) {
    const y = labels[r]!;
    if (!Number.isFinite(y))
      fail(`labels of ${what} have a non-finite value (${y}) at row ${r}`, { column: 'labels', row: r });
    if (!objective.isValidLabel(y)) {
      fail(`labels of ${what} must be ${objective.labelRule} for ${objective.name}; got ${y} at row ${r}`, {
        column: 'labels',
        row: r,
        value: y,
      });
    }
  }
}

function fail(message: string, details: Record<string, unknown>): never {
  throw new AmlopsError('MODEL_TRAINING_DATA_INVALID', message, details);
}
