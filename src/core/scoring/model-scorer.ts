import { featureSources } from '../features/feature-sources.js';
import { createRecordTransformer } from '../features/record-transformer.js';
import { transformFeatures } from '../features/transform-features.js';
import { Frame } from '../frame/frame.js';
import type { FeatureMatrix } from '../gbdt/feature-matrix.js';
import { type PackedEnsemble, packEnsemble } from '../gbdt/predictor/packed-ensemble.js';
import { predictBatchProbability } from '../gbdt/predictor/predict-batch.js';
import { predictRowProbability } from '../gbdt/predictor/predict-row.js';
import { createTreeShapExplainer, explainRow, type TreeShapExplainer } from '../gbdt/tree-shap.js';
import type { ModelBundle } from '../model/model-bundle.js';
import type { CaseReasons } from './case-reasons.js';
import { foldContributions, type ReasonGroups } from './fold-contributions.js';
import { type ScoringContract, scoringContract } from './scoring-contract.js';
import type { ValidatedInput } from './validated-input.js';

/** Requests with fewer cases are scored case by case (no frame built); larger ones as a batch. */
const BATCH_FROM = 16;

/** A loaded model ready to score: the packed trees and the pipeline, prepared once. */
export interface ModelScorer {
  readonly bundle: ModelBundle;
  readonly contract: ScoringContract;
  /** The trees packed for prediction (what a predict pool of worker threads is started with). */
  readonly packed: PackedEnsemble;
  /** Writes the probability of each case into `out[0 .. rowCount)`. */
  score(input: ValidatedInput, out: Float64Array): void;
  /** The feature matrix of the cases, for scoring them elsewhere (e.g. on a predict pool). */
  featureMatrix(input: ValidatedInput): FeatureMatrix;
  /** The reasons of case `row` (TreeSHAP folded into input features), largest first. */
  explain(input: ValidatedInput, row: number): CaseReasons;
}

/**
 * Prepares a bundle for scoring. A few cases go through the record transformer and the single-row
 * predictor, reusing one record and one feature row (nothing allocated per case but the
 * transformer's result); larger requests through the batch transform and the blocked predictor.
 * Both give the same scores. The explainer is built on the first request for reasons.
 *
 * @example
 * const scorer = createModelScorer(bundle);
 * const p = new Float64Array(checked.rowCount);
 * scorer.score(checked, p);
 */
export function createModelScorer(bundle: ModelBundle): ModelScorer {
  const contract = scoringContract(bundle);
  const packed: PackedEnsemble = packEnsemble(bundle.booster);
  const transformer = createRecordTransformer(bundle.features);
  const width = bundle.features.featureNames.length;
  const featureRow = new Float32Array(width);
  const record: Record<string, unknown> = {};
  let explainer: TreeShapExplainer | undefined;
  let phi: Float64Array | undefined;
  const groups = reasonGroups(bundle);

  const fillRecord = (input: ValidatedInput, row: number): void => {
    for (let i = 0; i < contract.numeric.length; i++) record[contract.numeric[i]!] = input.numeric[i]![row];
    for (let j = 0; j < contract.categorical.length; j++)
      record[contract.categorical[j]!.column] = input.categorical[j]![row];
  };

  const featureMatrix = (input: ValidatedInput): FeatureMatrix => {
    const frame = new Frame(
      [
        ...contract.numeric.map((name, i) => ({
          kind: 'numeric' as const,
          name,
          values: input.numeric[i]!,
        })),
        ...contract.categorical.map((c, j) => ({
          kind: 'text' as const,
          name: c.column,
          values: input.categorical[j]!,
        })),
      ],
      input.rowCount,
    );
    return transformFeatures(frame, bundle.features).matrix;
  };

  return {
    bundle,
    contract,
    packed,
    featureMatrix,
    score(input, out) {
      const n = input.rowCount;
      if (n < BATCH_FROM) {
        for (let row = 0; row < n; row++) {
          fillRecord(input, row);
          transformer.transform(record, featureRow);
          out[row] = predictRowProbability(packed, featureRow);
        }
        return;
      }
      const matrix = featureMatrix(input);
      predictBatchProbability(packed, matrix, out, { start: 0, end: n });
    },
    explain(input, row) {
      explainer ??= createTreeShapExplainer(bundle.booster);
      phi ??= new Float64Array(width + 1);
      fillRecord(input, row);
      transformer.transform(record, featureRow);
      explainRow(explainer, featureRow, phi);
      return foldContributions(phi, groups, (g) => {
        const source = groups.valueSource[g]!;
        if (source.kind === 'numeric') {
          const v = input.numeric[source.index]![row]!;
          return Number.isNaN(v) ? null : v;
        }
        return input.categorical[source.index]![row]!;
      });
    },
  };
}

type ValueSource = { kind: 'numeric' | 'categorical'; index: number };

/** The reasons of a bundle: one per input column any output column reads, with where its value is. */
function reasonGroups(bundle: ModelBundle): ReasonGroups & { valueSource: ValueSource[] } {
  const features: string[] = [];
  const valueSource: ValueSource[] = [];
  const { numeric, categorical } = bundle.inputSchema;
  const groupOf = (input: string): number => {
    let g = features.indexOf(input);
    if (g < 0) {
      g = features.length;
      features.push(input);
      const n = numeric.indexOf(input);
      valueSource.push(
        n >= 0 ? { kind: 'numeric', index: n } : { kind: 'categorical', index: categorical.indexOf(input) },
      );
    }
    return g;
  };
  const inputsOf = featureSources(bundle.features).map((source) => source.inputs.map(groupOf));
  return { features, inputsOf, valueSource };
}
