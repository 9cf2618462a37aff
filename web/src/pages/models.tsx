import { useState } from 'preact/hooks';
import { type ApiError, api } from '../api.js';
import { Chart } from '../components/chart.js';
import { Badge, Card, ErrorBox, Loading } from '../components/parts.js';
import { metric, when } from '../format.js';
import { href } from '../router.js';
import type { ModelDetail, ModelSummary, ModelVersion } from '../types.js';
import { useApi } from '../use-api.js';

/** The metrics a decision is argued with, in this order. */
const EVIDENCE = ['test_roc_auc', 'test_pr_auc', 'test_precision', 'test_recall', 'test_brier', 'cv_roc_auc'];

/** Every registered model, with its latest and production versions. */
export function ModelsPage() {
  const models = useApi<{ models: ModelSummary[] }>('/api/v1/models');
  return (
    <>
      <h1>Model registry</h1>
      <ErrorBox error={models.error} />
      {!models.data ? (
        models.error ? null : (
          <Loading what="models" />
        )
      ) : (
        <Card title={`${models.data.models.length} models`} wide>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">model</th>
                <th scope="col">latest</th>
                <th scope="col">production</th>
                <th scope="col">aliases</th>
              </tr>
            </thead>
            <tbody>
              {models.data.models.map((m) => (
                <tr key={m.name}>
                  <td>
                    <a href={href('models', m.name)}>{m.name}</a>
                  </td>
                  <td>{m.latestVersion ?? '–'}</td>
                  <td>{m.productionVersion ?? '–'}</td>
                  <td>{m.aliases.map((a) => `${a.alias} → v${a.version}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}

/** A registry decision being confirmed: promote a version, roll back, or point an alias. */
type Decision =
  | { kind: 'promote'; version: ModelVersion }
  | { kind: 'rollback' }
  | { kind: 'alias'; version: ModelVersion };

/** The confirmation of a decision: the evidence against production, the gate's verdict, a reason. */
function DecisionDialog(props: {
  model: ModelDetail;
  decision: Decision;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { model, decision } = props;
  const production = model.versions.find((v) => v.aliases.includes('production'));
  const target =
    decision.kind === 'rollback'
      ? model.versions.find((v) => v.version === production?.promotion?.previous)
      : decision.version;
  const [reason, setReason] = useState('');
  const [alias, setAlias] = useState('challenger');
  const [force, setForce] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const gate = target?.tags['amlops.gate'];
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const name = encodeURIComponent(model.name);
    try {
      if (decision.kind === 'promote')
        await api(`/api/v1/models/${name}/promote`, {
          method: 'POST',
          body: { version: decision.version.version, reason, ...(force ? { force } : {}) },
        });
      else if (decision.kind === 'rollback')
        await api(`/api/v1/models/${name}/rollback`, { method: 'POST', body: { reason } });
      else
        await api(`/api/v1/models/${name}/aliases`, {
          method: 'POST',
          body: { alias, version: decision.version.version, reason },
        });
      props.onDone();
    } catch (reasonError) {
      setError(reasonError as ApiError);
      setBusy(false);
    }
  };
  const title =
    decision.kind === 'promote'
      ? `Promote version ${decision.version.version} to production`
      : decision.kind === 'rollback'
        ? `Roll back production to version ${target?.version ?? '?'}`
        : `Point an alias at version ${decision.version.version}`;
  return (
    <div class="dialog-backdrop">
      <form class="dialog" role="dialog" aria-modal="true" aria-label={title} onSubmit={submit}>
        <h2>{title}</h2>
        {decision.kind === 'alias' ? (
          <>
            <label for="alias-name">Alias (not production: promote for that)</label>
            <input id="alias-name" required value={alias} onInput={(e) => setAlias(e.currentTarget.value)} />
          </>
        ) : null}
        <table class="data">
          <thead>
            <tr>
              <th scope="col">metric</th>
              <th scope="col">production (v{production?.version ?? '–'})</th>
              <th scope="col">this decision (v{target?.version ?? '–'})</th>
            </tr>
          </thead>
          <tbody>
            {EVIDENCE.map((key) => (
              <tr key={key}>
                <th scope="row">{key}</th>
                <td class="num">{metric(production?.metrics[key])}</td>
                <td class="num">{metric(target?.metrics[key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          Promotion gate at training: {gate ? <Badge text={gate} /> : 'not recorded'}{' '}
          <span class="muted">{target?.tags['amlops.gate_reason'] ?? ''}</span>
        </p>
        {decision.kind === 'promote' && gate === 'failed' ? (
          <label>
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.currentTarget.checked)} />{' '}
            override the failing gate (needs an admin key; recorded as an override)
          </label>
        ) : null}
        <label for="decision-reason">Reason (recorded on the version)</label>
        <textarea
          id="decision-reason"
          required
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        <ErrorBox error={error} />
        <div class="dialog-actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button
            type="submit"
            class="primary"
            disabled={busy || (decision.kind !== 'alias' && reason.trim() === '')}
          >
            Confirm
          </button>
        </div>
      </form>
    </div>
  );
}

/** One model: its versions with stages, aliases and metrics, a metric across versions, decisions. */
export function ModelDetailPage(props: { name: string }) {
  const model = useApi<ModelDetail>(`/api/v1/models/${encodeURIComponent(props.name)}`);
  const [decision, setDecision] = useState<Decision>();
  const [chartMetric, setChartMetric] = useState('test_roc_auc');
  if (!model.data) return model.error ? <ErrorBox error={model.error} /> : <Loading what="the model" />;
  const versions = [...model.data.versions].sort((a, b) => Number(a.version) - Number(b.version));
  const production = versions.find((v) => v.aliases.includes('production'));
  const metricKeys = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))].sort();
  return (
    <>
      <h1>{model.data.name}</h1>
      {decision ? (
        <DecisionDialog
          model={model.data}
          decision={decision}
          onCancel={() => setDecision(undefined)}
          onDone={() => {
            setDecision(undefined);
            model.reload();
          }}
        />
      ) : null}
      <Card
        title={`${metricKeys.includes(chartMetric) ? chartMetric : 'metric'} across versions`}
        wide
        actions={
          <select
            aria-label="metric to chart"
            value={chartMetric}
            onChange={(e) => setChartMetric(e.currentTarget.value)}
          >
            {metricKeys.map((key) => (
              <option key={key}>{key}</option>
            ))}
          </select>
        }
      >
        <Chart
          title={`${chartMetric} of each version`}
          xLabel="version"
          yLabel={chartMetric}
          xLabels={versions.map((v) => `v${v.version}`)}
          series={[
            {
              label: chartMetric,
              x: versions.map((_, i) => i),
              y: versions.map((v) => v.metrics[chartMetric] ?? null),
            },
          ]}
          height={200}
        />
      </Card>
      <Card
        title="Versions"
        wide
        actions={
          production?.promotion?.previous ? (
            <button type="button" onClick={() => setDecision({ kind: 'rollback' })}>
              Roll back to v{production.promotion.previous}
            </button>
          ) : null
        }
      >
        <div class="table-scroll">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">version</th>
                <th scope="col">stage</th>
                <th scope="col">aliases</th>
                <th scope="col">test ROC AUC</th>
                <th scope="col">gate</th>
                <th scope="col">registered</th>
                <th scope="col">last decision</th>
                <th scope="col">
                  <span class="sr-only">actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...versions].reverse().map((v) => (
                <tr key={v.version}>
                  <td>{v.runId ? <a href={href('runs', v.runId)}>v{v.version}</a> : `v${v.version}`}</td>
                  <td>
                    <Badge text={v.stage} />
                  </td>
                  <td>
                    {v.aliases.map((a) => (
                      <Badge key={a} text={a} />
                    ))}
                  </td>
                  <td class="num">{metric(v.metrics.test_roc_auc)}</td>
                  <td>{v.tags['amlops.gate'] ? <Badge text={v.tags['amlops.gate']} /> : '–'}</td>
                  <td>{when(v.creationTime)}</td>
                  <td>
                    {v.promotion ? `${v.promotion.kind} by ${v.promotion.by}: ${v.promotion.reason}` : '–'}
                  </td>
                  <td class="actions">
                    {v.status === 'READY' && !v.aliases.includes('production') ? (
                      <button type="button" onClick={() => setDecision({ kind: 'promote', version: v })}>
                        Promote
                      </button>
                    ) : null}
                    {v.status === 'READY' ? (
                      <button type="button" onClick={() => setDecision({ kind: 'alias', version: v })}>
                        Set alias
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
