import { Chart } from '../components/chart.js';
import { Badge, Card, ErrorBox, Loading, Pairs, Tile } from '../components/parts.js';
import { ago, metric, percent } from '../format.js';
import { href } from '../router.js';
import type {
  AlertEntry,
  LivePerformance,
  ModelDetail,
  ModelSummary,
  PipelineRun,
  QualityReportRow,
  ServiceWindow,
} from '../types.js';
import { useApi } from '../use-api.js';

/** How often the overview reads the API again. */
const REFRESH_MS = 10_000;

/** Requests and mean latency per interval start, every process together. */
function traffic(service: ServiceWindow) {
  const byStart = new Map<number, { requests: number; errors: number; latencySum: number }>();
  for (const i of service.intervals) {
    const at = byStart.get(i.start) ?? { requests: 0, errors: 0, latencySum: 0 };
    at.requests += i.requests;
    at.errors += i.serverErrors;
    at.latencySum += i.latencySum;
    byStart.set(i.start, at);
  }
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  return {
    x: starts.map((s) => s / 1000),
    requests: starts.map((s) => byStart.get(s)!.requests),
    meanMs: starts.map((s) => {
      const at = byStart.get(s)!;
      return at.requests > 0 ? (at.latencySum / at.requests) * 1000 : null;
    }),
  };
}

function ProductionCard(props: { name: string }) {
  const model = useApi<ModelDetail>(`/api/v1/models/${encodeURIComponent(props.name)}`, REFRESH_MS);
  const live = useApi<LivePerformance>('/api/v1/predictions/performance', REFRESH_MS);
  if (!model.data)
    return model.error ? <ErrorBox error={model.error} /> : <Loading what="the production model" />;
  const production = model.data.versions.find((v) => v.aliases.includes('production'));
  const challenger = model.data.versions.find((v) => v.aliases.includes('challenger'));
  const liveAuc = live.data?.versions.find((v) => v.modelVersion === production?.version);
  return (
    <Card title="Production model" wide actions={<a href={href('models', props.name)}>registry</a>}>
      {production ? (
        <>
          <div class="tiles">
            <Tile
              label="model"
              value={`${props.name} v${production.version}`}
              note={<Badge text={production.stage} />}
            />
            <Tile
              label="test ROC AUC"
              value={metric(production.metrics.test_roc_auc)}
              note={
                production.metrics.test_roc_auc_lower === undefined
                  ? undefined
                  : `95% ${metric(production.metrics.test_roc_auc_lower)}–${metric(production.metrics.test_roc_auc_upper)}`
              }
            />
            <Tile
              label="live ROC AUC"
              value={liveAuc?.rocAuc === null || liveAuc === undefined ? '–' : metric(liveAuc.rocAuc)}
              note={liveAuc ? `${metric(liveAuc.labelled)} concluded cases` : 'no concluded case yet'}
            />
            <Tile
              label="alert threshold"
              value={metric(production.metrics.threshold)}
              note={`alert rate ${percent(production.metrics.test_alert_rate)}`}
            />
          </div>
          <Pairs
            entries={[
              [
                'in production since',
                production.promotion
                  ? `${production.promotion.at.replace('T', ' ').slice(0, 19)} (${ago(Date.parse(production.promotion.at))})`
                  : '–',
              ],
              ['promoted by', production.promotion?.by ?? '–'],
              ['why', production.promotion?.reason ?? '–'],
              [
                'trained by run',
                production.runId ? <a href={href('runs', production.runId)}>{production.runId}</a> : '–',
              ],
              [
                'challenger',
                challenger ? (
                  <a href={href('models', props.name)}>
                    version {challenger.version} (test ROC AUC {metric(challenger.metrics.test_roc_auc)})
                  </a>
                ) : (
                  'none'
                ),
              ],
            ]}
          />
        </>
      ) : (
        <p>No version of {props.name} is in production yet.</p>
      )}
    </Card>
  );
}

function AlertsCard() {
  const alerts = useApi<{ alerts: AlertEntry[] }>('/api/v1/alerts', REFRESH_MS);
  const open =
    alerts.data?.alerts.filter(
      (a) => a.state && (a.state.state === 'firing' || a.state.state === 'pending'),
    ) ?? [];
  return (
    <Card title="Open alerts" actions={<a href={href('alerts')}>all alerts</a>}>
      <ErrorBox error={alerts.error} />
      {!alerts.data ? (
        alerts.error ? null : (
          <Loading what="alerts" />
        )
      ) : open.length === 0 ? (
        <p class="good-text">None: {alerts.data.alerts.length} rules, all ok.</p>
      ) : (
        <ul class="plain">
          {open.map((a) => (
            <li key={a.rule.name}>
              <Badge text={a.state!.state} /> <Badge text={a.rule.severity} /> <strong>{a.rule.name}</strong>:{' '}
              {a.rule.summary}{' '}
              <span class="muted">
                (value {metric(a.state!.value)}, since {ago(a.state!.since)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function TrafficCard() {
  const service = useApi<ServiceWindow>('/api/v1/service?window=1h', REFRESH_MS);
  if (!service.data)
    return (
      <Card title="Scoring, last hour">
        {service.error ? <ErrorBox error={service.error} /> : <Loading what="traffic" />}
      </Card>
    );
  const t = service.data.totals;
  const series = traffic(service.data);
  return (
    <Card title="Scoring, last hour">
      <div class="tiles">
        <Tile label="requests" value={metric(t.requests)} note={`${metric(t.cases)} cases`} />
        <Tile
          label="p99 latency"
          value={t.p99Ms === null ? '–' : `${t.p99Ms.toFixed(1)} ms`}
          note={t.p50Ms === null ? undefined : `p50 ${t.p50Ms.toFixed(1)} ms`}
        />
        <Tile
          label="server errors"
          value={metric(t.serverErrors)}
          tone={t.serverErrors > 0 ? 'bad' : undefined}
          note={`${metric(t.clientErrors)} refused (4xx)`}
        />
      </div>
      {series.x.length > 1 ? (
        <Chart
          title="Scoring requests per interval"
          xLabel="time"
          yLabel="requests"
          time
          series={[{ label: 'requests', x: series.x, y: series.requests }]}
          height={160}
        />
      ) : (
        <p class="muted">No scoring traffic in the last hour.</p>
      )}
    </Card>
  );
}

function DriftCard() {
  const reports = useApi<{ reports: QualityReportRow[] }>(
    '/api/v1/quality/reports?max_results=5',
    REFRESH_MS,
  );
  const live = reports.data?.reports.find((r) => r.kind === 'live');
  const training = reports.data?.reports.find((r) => r.kind === 'training');
  return (
    <Card title="Data drift" actions={<a href={href('quality')}>quality reports</a>}>
      <ErrorBox error={reports.error} />
      {!reports.data ? (
        reports.error ? null : (
          <Loading what="quality reports" />
        )
      ) : (
        <Pairs
          entries={[
            [
              'live traffic',
              live ? (
                <a href={href('quality', live.id)}>
                  {live.datasetDrift ? <Badge text="drift" /> : <Badge text="ok" />} {live.driftedColumns} of{' '}
                  {live.testedColumns} columns drifted, {ago(live.createdAt)}
                </a>
              ) : (
                'not checked yet'
              ),
            ],
            [
              'last training',
              training ? (
                <a href={href('quality', training.id)}>
                  {training.driftedColumns} of {training.testedColumns} columns drifted (train against test)
                </a>
              ) : (
                'none'
              ),
            ],
          ]}
        />
      )}
    </Card>
  );
}

function PipelinesCard() {
  const runs = useApi<{ runs: PipelineRun[] }>('/api/v1/pipelines?max_results=5', REFRESH_MS);
  return (
    <Card title="Last pipeline runs" actions={<a href={href('pipelines')}>pipelines</a>}>
      <ErrorBox error={runs.error} />
      {runs.data?.runs.length === 0 ? <p class="muted">No pipeline has run yet.</p> : null}
      <ul class="plain">
        {runs.data?.runs.map((run) => (
          <li key={run.id}>
            <a href={href('pipelines', run.id)}>{run.flow}</a> <Badge text={run.state} />{' '}
            <span class="muted">{ago(run.createdAt)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The first page: the production model, open alerts, drift, scoring traffic, pipeline runs; refreshed every 10 s. */
export function OverviewPage() {
  const models = useApi<{ models: ModelSummary[] }>('/api/v1/models', REFRESH_MS);
  const name = models.data?.models.find((m) => m.productionVersion)?.name ?? models.data?.models[0]?.name;
  return (
    <>
      <h1>Overview</h1>
      <ErrorBox error={models.error} />
      {models.data && !name ? (
        <p>
          No model is registered yet: train one with <code>amlops train</code>.
        </p>
      ) : null}
      <div class="grid">
        {name ? <ProductionCard name={name} /> : models.data ? null : <Loading what="models" />}
        <AlertsCard />
        <DriftCard />
        <TrafficCard />
        <PipelinesCard />
      </div>
    </>
  );
}
