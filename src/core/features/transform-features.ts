import type { Finding } from '../findings/finding.js';
import type { Frame } from '../frame/frame.js';
import type { FeatureMatrix } from '../gbdt/feature-matrix.js';
import { transformDomain } from './domain-transformer.js';
import { oneHotName } from './feature-names.js';
import type { FeaturePipelineState } from './feature-pipeline-state.js';
import { coerceNumeric } from './numeric-coercer.js';
import { transformOneHot } from './one-hot-encoder.js';
import { requireColumn } from './require-column.js';

/** Features of a batch of rows, and what was noticed while making them. */
export interface TransformedFeatures {
  readonly matrix: FeatureMatrix;
  /** Unseen categories, missing categories imputed, values that were not numbers. */
  readonly findings: readonly Finding[];
}

/**
 * Applies a fitted pipeline to a frame (training, test or scoring rows): one Float32 column per
 * feature name, NaN for a missing number (unless the pipeline fills), one-hot columns all zeros
 * for a value never seen in training, reported as a finding.
 *
 * @example
 * const { matrix, findings } = transformFeatures(frame, state);
 * matrix.featureNames; // state.featureNames
 */
export function transformFeatures(frame: Frame, state: FeaturePipelineState): TransformedFeatures {
  const rows = frame.rowCount;
  const columns = state.featureNames.map(() => new Float32Array(rows));
  const position = new Map(state.featureNames.map((name, index) => [name, index]));
  const output = (name: string): Float32Array => columns[position.get(name)!]!;
  const findings: Finding[] = [];
  for (const name of state.numeric)
    findings.push(...coerceNumeric(requireColumn(frame, name), state.missing, output(name)));
  for (const encoding of state.categorical) {
    const outputs = encoding.categories.map((category) => output(oneHotName(encoding.column, category)));
    findings.push(...transformOneHot(requireColumn(frame, encoding.column), encoding, outputs));
  }
  if (state.domain) {
    const domain = state.domain;
    transformDomain(
      requireColumn(frame, domain.incomeColumn),
      requireColumn(frame, domain.outcomeColumn),
      domain,
      state.missing,
      domain.features.map(output),
    );
  }
  return { matrix: { rowCount: rows, featureNames: state.featureNames, columns }, findings };
}
