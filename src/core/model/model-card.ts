import { segmentCaveats } from '../evaluate/segment-caveats.js';
import type { SegmentReport } from '../evaluate/segment-report.js';
import { modelCardSegmentLines } from './model-card-segments.js';

/** What a model card says: the data, the parameters, the metrics, the caveats and the decision. */
export interface ModelCard {
  readonly model: { readonly name: string; readonly version: string | null; readonly runId: string | null };
  readonly trainedAt: string;
  readonly data: {
    readonly source: string;
    readonly testSource: string | null;
    readonly trainRows: number;
    readonly trainPositives: number;
    readonly testRows: number;
    readonly testPositives: number;
  };
  readonly training: {
    readonly preset: string;
    /** How the preset adapted its search to the data, when it did (e.g. small data). */
    readonly adaptation?: string;
    readonly seed: number;
    readonly featureSet: string;
    readonly features: readonly string[];
    readonly params: Readonly<Record<string, unknown>>;
    readonly trees: number;
  };
  readonly metrics: Readonly<Record<string, number>>;
  /** The test split by segment; absent from cards written before amlops kept it. */
  readonly segments?: SegmentReport;
  readonly promotion: { readonly promoted: boolean; readonly reason: string };
  readonly caveats: readonly string[];
}

/** A test ROC AUC interval wider than this is called out: the test split cannot rank close models. */
const WIDE_INTERVAL = 0.05;

const fmt = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(4));

/**
 * The standing caveats of a model trained on analysts' conclusions, plus those its numbers call for
 * (with `segments`, the segments too small to measure or ranked clearly worse than the whole).
 *
 * @example
 * modelCardCaveats({ test_roc_auc: 0.8 }, 0.89); // includes 'test ROC AUC 0.8000 is below the alert threshold 0.8900'
 */
export function modelCardCaveats(
  metrics: Readonly<Record<string, number>>,
  minTestRocAuc: number,
  segments?: SegmentReport,
): string[] {
  const caveats = [
    "Labels are analysts' past conclusions on alerted cases, not ground truth on all users: the model learns what was alerted and concluded, including its biases.",
    'Scores rank cases for review; they are not a determination of money laundering.',
    'Performance is measured on a held-out split of the same period; drift in amounts or risk levels lowers it (watch the quality and drift reports).',
  ];
  const test = metrics.test_roc_auc;
  const train = metrics.train_roc_auc;
  if (test !== undefined && test < minTestRocAuc)
    caveats.push(`test ROC AUC ${fmt(test)} is below the alert threshold ${fmt(minTestRocAuc)}`);
  if (test !== undefined && train !== undefined && train - test > 0.03)
    caveats.push(`train ROC AUC exceeds test by ${fmt(train - test)}: the model may overfit`);
  if ((metrics.test_positives ?? 0) < 100)
    caveats.push('fewer than 100 positive cases in the test split: the metrics are uncertain');
  const lower = metrics.test_roc_auc_lower;
  const upper = metrics.test_roc_auc_upper;
  if (lower !== undefined && upper !== undefined && upper - lower > WIDE_INTERVAL)
    caveats.push(
      `the test ROC AUC's 95% confidence interval is ${fmt(lower)} to ${fmt(upper)} (DeLong): the test split is too small to tell apart models whose ROC AUC differ by less than about ${fmt((upper - lower) / 2)}`,
    );
  if (segments) caveats.push(...segmentCaveats(segments, test));
  return caveats;
}

/**
 * The model card in Markdown, for people; the same content is stored as JSON for tools.
 *
 * @example
 * renderModelCard(card).startsWith('# Model card: consumers-laundering-model'); // true
 */
export function renderModelCard(card: ModelCard): string {
  const lines = [
    `# Model card: ${card.model.name}${card.model.version ? ` version ${card.model.version}` : ''}`,
    '',
    `Trained ${card.trainedAt}${card.model.runId ? ` in run \`${card.model.runId}\`` : ''}.`,
    '',
    '## Decision',
    '',
    `${card.promotion.promoted ? 'Promoted to production' : 'Not promoted'}: ${card.promotion.reason}.`,
    '',
    '## Data',
    '',
    `- source: \`${card.data.source}\`${card.data.testSource ? `, test split from \`${card.data.testSource}\`` : ''}`,
    `- train: ${card.data.trainRows} cases, ${card.data.trainPositives} positive`,
    `- test: ${card.data.testRows} cases, ${card.data.testPositives} positive`,
    '',
    '## Training',
    '',
    `- preset \`${card.training.preset}\`${card.training.adaptation ? ` (${card.training.adaptation})` : ''}, seed ${card.training.seed}, feature set \`${card.training.featureSet}\`, ${card.training.trees} trees`,
    `- features: ${card.training.features.map((f) => `\`${f}\``).join(', ')}`,
    `- parameters: \`${JSON.stringify(card.training.params)}\``,
    '',
    '## Metrics',
    '',
    '| metric | train | test |',
    '| --- | --- | --- |',
  ];
  const names = new Set(
    Object.keys(card.metrics)
      .filter((k) => k.startsWith('train_') || k.startsWith('test_'))
      .map((k) => k.replace(/^(train|test)_/, '')),
  );
  for (const name of names) {
    const train = card.metrics[`train_${name}`];
    const test = card.metrics[`test_${name}`];
    lines.push(
      `| ${name} | ${train === undefined ? '' : fmt(train)} | ${test === undefined ? '' : fmt(test)} |`,
    );
  }
  lines.push('');
  if (card.segments) lines.push(...modelCardSegmentLines(card.segments));
  lines.push('## Caveats', '', ...card.caveats.map((c) => `- ${c}`), '');
  return lines.join('\n');
}
