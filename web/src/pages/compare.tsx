import { useEffect, useState } from 'preact/hooks';
import { type ApiError, api } from '../api.js';
import { CurveCharts, type LabelledEvaluation } from '../components/evaluation-charts.js';
import { Card, ErrorBox, Loading } from '../components/parts.js';
import { metric } from '../format.js';
import { href } from '../router.js';
import type { EvaluationArtifact } from '../types.js';
import { useApi } from '../use-api.js';

interface Compared<T> {
  readonly key: string;
  readonly values: readonly (T | null)[];
  readonly differs: boolean;
}

interface Comparison {
  readonly runs: readonly { runId: string; runName: string; status: string }[];
  readonly params: readonly Compared<string>[];
  readonly metrics: readonly Compared<number>[];
}

/** 2 to 5 runs side by side: their parameters and metrics (those that differ marked), curves overlaid. */
export function ComparePage(props: { ids: readonly string[] }) {
  const comparison = useApi<Comparison>(
    `/api/v1/runs/compare?ids=${props.ids.map(encodeURIComponent).join(',')}`,
  );
  const [curves, setCurves] = useState<LabelledEvaluation[]>();
  const [curveError, setCurveError] = useState<ApiError>();
  const runs = comparison.data?.runs;
  useEffect(() => {
    if (!runs) return;
    Promise.all(
      runs.map((run) =>
        api<EvaluationArtifact>(
          `/api/v1/runs/${encodeURIComponent(run.runId)}/artifacts/evaluation.json`,
        ).then(
          (evaluation) => ({ label: run.runName || run.runId, split: evaluation.report.test }),
          () => null,
        ),
      ),
    ).then(
      (found) => setCurves(found.filter((e): e is LabelledEvaluation => e !== null)),
      (error: ApiError) => setCurveError(error),
    );
  }, [runs]);
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  if (!comparison.data)
    return comparison.error ? <ErrorBox error={comparison.error} /> : <Loading what="the runs" />;
  const rows = <T,>(values: readonly Compared<T>[], show: (v: T | null) => string) =>
    values
      .filter((row) => !onlyDifferences || row.differs)
      .map((row) => (
        <tr key={row.key} class={row.differs ? 'differs' : ''}>
          <th scope="row">{row.key}</th>
          {row.values.map((v, i) => (
            <td key={i} class="num">
              {show(v)}
            </td>
          ))}
        </tr>
      ));
  return (
    <>
      <h1>Comparing {comparison.data.runs.length} runs</h1>
      <label>
        <input
          type="checkbox"
          checked={onlyDifferences}
          onChange={(e) => setOnlyDifferences(e.currentTarget.checked)}
        />{' '}
        only what differs
      </label>
      <Card title="Test curves, overlaid" wide>
        <ErrorBox error={curveError} />
        {curves ? (
          curves.length > 0 ? (
            <CurveCharts evaluations={curves} />
          ) : (
            <p class="muted">None of these runs has an evaluation.</p>
          )
        ) : (
          <Loading what="curves" />
        )}
      </Card>
      <Card title="Parameters and metrics" wide>
        <div class="table-scroll">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">run</th>
                {comparison.data.runs.map((run) => (
                  <th scope="col" key={run.runId}>
                    <a href={href('runs', run.runId)}>{run.runName || run.runId}</a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows(comparison.data.params, (v) => v ?? '–')}
              {rows(comparison.data.metrics, (v) => metric(v))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
