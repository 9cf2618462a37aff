import { scoreFrame } from '../../core/model/score-frame.js';
import { buildQualityReport } from '../../core/quality/build-quality-report.js';
import type { QualityReport } from '../../core/quality/quality-report.js';
import { qualityTableFromFrame } from '../../core/quality/quality-table-from-frame.js';
import { type ReferenceSample, referenceSample } from '../../core/quality/reference-sample.js';
import { Rng } from '../../core/random/index.js';
import { REFERENCE_SAMPLE_PATH } from '../../services/live-quality-report.js';
import type { TrainFlowDeps } from './train-flow-deps.js';
import type { TrainScratch } from './train-scratch.js';

/** Where a training run keeps its quality report, its HTML rendering and the sample live monitoring compares with. */
export const QUALITY_PATHS = {
  report: 'quality.json',
  html: 'quality-report.html',
  referenceSample: REFERENCE_SAMPLE_PATH,
} as const;

/**
 * The quality report of a training, the train split (reference) against the test split (current),
 * with the model's scores on both, and the reference sample live monitoring will compare traffic
 * with: what the flow's `quality` step computes.
 *
 * @example
 * const { report, sample } = trainingQuality(deps, scratch);
 */
export function trainingQuality(
  deps: Pick<TrainFlowDeps, 'config'>,
  scratch: TrainScratch,
): { readonly report: QualityReport; readonly sample: ReferenceSample } {
  const { config } = deps;
  const train = scratch.train!;
  const test = scratch.test!;
  const bundle = scratch.bundle;
  // A run retried in a new process has the model again but not its scores.
  const trainScores = scratch.trainProbabilities ?? (bundle ? scoreFrame(bundle, train.frame) : undefined);
  const testScores = scratch.testProbabilities ?? (bundle ? scoreFrame(bundle, test.frame) : undefined);
  const roles = {
    features: [...config['data.numericColumns'], ...config['data.categoricalColumns']],
    target: config['data.targetColumn'],
  };
  const reference = qualityTableFromFrame('train split', train.frame, roles, trainScores);
  const current = qualityTableFromFrame('test split', test.frame, roles, testScores);
  const report = buildQualityReport(reference, current, {
    target: { column: config['data.targetColumn'], negativeValue: config['data.negativeValue'] },
  });
  const sample = referenceSample(reference, trainScores, new Rng(config['split.seed']));
  return { report, sample };
}
