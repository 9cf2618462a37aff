import { useState } from 'preact/hooks';
import type { ApiError } from '../api.js';
import { CurveCharts, ModelCharts } from '../components/evaluation-charts.js';
import { Badge, Card, ErrorBox, Loading, Pairs, Tile } from '../components/parts.js';
import { downloadArtifact } from '../download.js';
import { duration, metric, when } from '../format.js';
import { href } from '../router.js';
import type { EvaluationArtifact, QualityReportRow, RunDetail } from '../types.js';
import { useApi } from '../use-api.js';

/** The model card's headline, as the train flow writes it (model-card.json). */
interface ModelCard {
  readonly model?: { name?: string; version?: string };
  readonly intendedUse?: string;
  readonly limitations?: readonly string[];
  readonly [key: string]: unknown;
}

/** One run: what it was given, what it measured, its curves, its data quality and its files. */
export function RunDetailPage(props: { id: string }) {
  const id = encodeURIComponent(props.id);
  const detail = useApi<RunDetail>(`/api/v1/runs/${id}`);
  const has = (path: string) => detail.data?.artifacts.some((a) => a.path === path) ?? false;
  const evaluation = useApi<EvaluationArtifact>(
    has('evaluation.json') ? `/api/v1/runs/${id}/artifacts/evaluation.json` : null,
  );
  const card = useApi<ModelCard>(
    has('model-card.json') ? `/api/v1/runs/${id}/artifacts/model-card.json` : null,
  );
  const quality = useApi<{ reports: QualityReportRow[] }>(`/api/v1/quality/reports?run=${id}`);
  const [downloadError, setDownloadError] = useState<ApiError>();
  if (!detail.data)
    return detail.error ? (
      <>
        <h1>Run {props.id}</h1>
        <ErrorBox error={detail.error} />
      </>
    ) : (
      <Loading what="the run" />
    );
  const { run, experimentName, artifacts, modelVersions } = detail.data;
  const m = run.metrics;
  const report = quality.data?.reports[0];
  return (
    <>
      <h1>
        Run {run.runName || run.runId} <Badge text={run.status} />
      </h1>
      <p class="muted">
        experiment {experimentName} · started {when(run.startTime)} by {run.userId || '–'} · took{' '}
        {run.endTime ? duration(run.endTime - run.startTime) : '–'}
        {modelVersions.map((v) => (
          <span key={v.version}>
            {' '}
            · registered as{' '}
            <a href={href('models', v.name)}>
              {v.name} v{v.version}
            </a>{' '}
            <Badge text={v.stage} />
          </span>
        ))}
      </p>
      <div class="tiles">
        <Tile
          label="test ROC AUC"
          value={metric(m.test_roc_auc)}
          note={
            m.test_roc_auc_lower === undefined
              ? undefined
              : `95% ${metric(m.test_roc_auc_lower)}–${metric(m.test_roc_auc_upper)}`
          }
        />
        <Tile label="test PR AUC" value={metric(m.test_pr_auc)} />
        <Tile
          label="precision / recall at threshold"
          value={`${metric(m.test_precision)} / ${metric(m.test_recall)}`}
          note={`threshold ${metric(m.threshold)}`}
        />
        <Tile label="cross-validated ROC AUC" value={metric(m.cv_roc_auc)} />
      </div>
      <ErrorBox error={evaluation.error} />
      {evaluation.data ? (
        <>
          <Card title="Curves: train and test" wide>
            <CurveCharts
              evaluations={[
                { label: 'test', split: evaluation.data.report.test },
                { label: 'train', split: evaluation.data.report.train },
              ]}
            />
          </Card>
          <Card title="Scores and features" wide>
            <ModelCharts evaluation={evaluation.data} />
          </Card>
        </>
      ) : null}
      <div class="grid">
        <Card title="Data quality of the training">
          {report ? (
            <Pairs
              entries={[
                [
                  'report',
                  <a href={href('quality', report.id)}>
                    {report.referenceName} against {report.currentName}
                  </a>,
                ],
                ['drifted columns', `${report.driftedColumns} of ${report.testedColumns}`],
                ['dataset drift', report.datasetDrift ? 'yes' : 'no'],
                ['warnings', String(report.warnings)],
              ]}
            />
          ) : (
            <p class="muted">{quality.error ? quality.error.message : 'No quality report for this run.'}</p>
          )}
        </Card>
        <Card title="Parameters">
          <Pairs
            entries={Object.entries(run.params)
              .sort()
              .map(([k, v]) => [k, v] as const)}
          />
        </Card>
        <Card title="Metrics">
          <Pairs
            entries={Object.entries(m)
              .sort()
              .map(([k, v]) => [k, metric(v)] as const)}
          />
        </Card>
        <Card title="Tags">
          <Pairs
            entries={Object.entries(run.tags)
              .sort()
              .map(([k, v]) => [k, v] as const)}
          />
        </Card>
        <Card title="Artifacts">
          <ErrorBox error={downloadError} />
          <ul class="plain">
            {artifacts
              .filter((a) => !a.isDir)
              .map((a) => (
                <li key={a.path}>
                  <button
                    type="button"
                    class="link"
                    onClick={() =>
                      downloadArtifact(run.runId, a.path).then(
                        () => setDownloadError(undefined),
                        setDownloadError,
                      )
                    }
                  >
                    {a.path}
                  </button>{' '}
                  <span class="muted">{a.fileSize === null ? '' : `${metric(a.fileSize)} bytes`}</span>
                </li>
              ))}
          </ul>
        </Card>
        {card.data ? (
          <Card title="Model card">
            <pre class="card-json">{JSON.stringify(card.data, null, 2)}</pre>
          </Card>
        ) : null}
      </div>
    </>
  );
}
