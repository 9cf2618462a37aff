import type { EvaluationArtifact, SplitEvaluation } from '../types.js';
import { BarList } from './bar-list.js';
import { Chart } from './chart.js';

/** A run's evaluation with its label, for charts that overlay several runs or splits. */
export interface LabelledEvaluation {
  readonly label: string;
  readonly split: SplitEvaluation;
}

/** ROC and precision-recall curves, calibration, of one or more evaluations overlaid. */
export function CurveCharts(props: { evaluations: readonly LabelledEvaluation[] }) {
  const e = props.evaluations;
  return (
    <div class="charts">
      <Chart
        title="ROC curve"
        xLabel="false positive rate"
        yLabel="true positive rate"
        unitSquare
        series={e.map(({ label, split }) => ({
          label: `${label} (AUC ${split.rocAuc.toFixed(3)})`,
          x: split.rocCurve.fpr,
          y: split.rocCurve.tpr,
        }))}
      />
      <Chart
        title="Precision and recall"
        xLabel="recall"
        yLabel="precision"
        series={e.map(({ label, split }) => ({
          label: `${label} (AP ${split.prAuc.toFixed(3)})`,
          x: split.prCurve.recall,
          y: split.prCurve.precision,
        }))}
      />
      <Chart
        title="Calibration: observed rate against mean score, by score decile"
        xLabel="mean score"
        yLabel="observed positive rate"
        unitSquare
        series={e.map(({ label, split }) => ({
          label,
          x: split.calibration.map((b) => b.meanPredicted),
          y: split.calibration.map((b) => b.observedRate),
        }))}
      />
    </div>
  );
}

/** Score distributions by class and feature importance of one run. */
export function ModelCharts(props: { evaluation: EvaluationArtifact }) {
  const test = props.evaluation.report.test;
  const d = test.scoreDistribution;
  const share = (counts: number[]) => {
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    return counts.map((c) => c / total);
  };
  const gain = Object.entries(props.evaluation.importance.gain).sort((a, b) => b[1] - a[1]);
  const bins = d.edges.slice(0, -1).map((edge, i) => `${edge.toFixed(2)}–${d.edges[i + 1]!.toFixed(2)}`);
  return (
    <div class="charts">
      <Chart
        title="Test score distribution by class (share of each class)"
        xLabel="score"
        yLabel="share of the class"
        bars
        xLabels={bins}
        series={[
          { label: 'concluded positive', x: bins.map((_, i) => i), y: share(d.positives) },
          { label: 'concluded negative', x: bins.map((_, i) => i), y: share(d.negatives) },
        ]}
      />
      <figure class="chart">
        <figcaption>Feature importance (share of the total gain)</figcaption>
        <BarList entries={gain} />
      </figure>
    </div>
  );
}
