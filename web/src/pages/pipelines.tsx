import { useEffect, useState } from 'preact/hooks';
import { type ApiError, api } from '../api.js';
import { Badge, Card, ErrorBox, Loading } from '../components/parts.js';
import { duration, when } from '../format.js';
import { href, navigate } from '../router.js';
import type { PipelineLogLine, PipelineRun, PipelineStep, Schedule } from '../types.js';
import { useApi } from '../use-api.js';

/** States a run is still moving in: its page follows it. */
const MOVING = new Set(['Scheduled', 'Pending', 'Running', 'Retrying']);

/** Starts a training with the parameters people change most; the API checks them. */
function StartTraining(props: { lastData: string; onStarted: (run: PipelineRun) => void }) {
  const [data, setData] = useState(props.lastData);
  const [preset, setPreset] = useState('default');
  const [promote, setPromote] = useState('gate');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="inline-form"
      aria-label="start a training"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        try {
          const params = {
            data: data.trim(),
            preset,
            ...(promote === 'gate' ? {} : { promote: promote === 'yes' }),
          };
          const { run } = await api<{ run: PipelineRun }>('/api/v1/pipelines', {
            method: 'POST',
            body: { flow: 'train', params },
          });
          setError(undefined);
          props.onStarted(run);
        } catch (failure) {
          setError(failure as ApiError);
        } finally {
          setBusy(false);
        }
      }}
    >
      <input
        aria-label="data file"
        class="grow"
        placeholder="data file (default: the configured data)"
        value={data}
        onInput={(e) => setData(e.currentTarget.value)}
      />
      <select aria-label="preset" value={preset} onChange={(e) => setPreset(e.currentTarget.value)}>
        <option value="default">preset default</option>
        <option value="original">preset original</option>
      </select>
      <select aria-label="promotion" value={promote} onChange={(e) => setPromote(e.currentTarget.value)}>
        <option value="gate">promote if the gate passes</option>
        <option value="no">never promote (challenger)</option>
      </select>
      <button type="submit" class="primary" disabled={busy}>
        Start training
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

/** The data file of the latest training, offered for the next one. */
function lastData(runs: readonly PipelineRun[]): string {
  const data = runs.find((run) => run.flow === 'train' && typeof run.params.data === 'string')?.params.data;
  return typeof data === 'string' ? data : '';
}

/** Pipeline runs, newest first, the schedules, and a form that starts a training. */
export function PipelinesPage() {
  const runs = useApi<{ runs: PipelineRun[] }>('/api/v1/pipelines?max_results=100', 5000);
  const schedules = useApi<{ schedules: Schedule[]; fired: boolean }>('/api/v1/schedules');
  return (
    <>
      <h1>Pipelines</h1>
      <Card title="Start a training" wide>
        {runs.data || runs.error ? (
          <StartTraining
            lastData={lastData(runs.data?.runs ?? [])}
            onStarted={(run) => navigate(['pipelines', run.id])}
          />
        ) : null}
      </Card>
      <ErrorBox error={runs.error} />
      {!runs.data ? (
        runs.error ? null : (
          <Loading what="pipeline runs" />
        )
      ) : (
        <Card title={`${runs.data.runs.length} runs`} wide>
          <div class="table-scroll">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">run</th>
                  <th scope="col">flow</th>
                  <th scope="col">state</th>
                  <th scope="col">created</th>
                  <th scope="col">took</th>
                  <th scope="col">attempt</th>
                  <th scope="col">tracking run</th>
                </tr>
              </thead>
              <tbody>
                {runs.data.runs.map((run) => (
                  <tr key={run.id}>
                    <td>
                      <a href={href('pipelines', run.id)}>{run.id.slice(0, 8)}</a>
                    </td>
                    <td>{run.flow}</td>
                    <td>
                      <Badge text={run.state} />{' '}
                      {run.failedStep ? <span class="muted">at {run.failedStep}</span> : null}
                    </td>
                    <td>{when(run.createdAt)}</td>
                    <td>{run.startedAt && run.endedAt ? duration(run.endedAt - run.startedAt) : '–'}</td>
                    <td class="num">{run.attempt}</td>
                    <td>
                      {run.trackingRunId ? (
                        <a href={href('runs', run.trackingRunId)}>{run.trackingRunId.slice(0, 8)}</a>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      <Card title="Schedules" wide>
        <ErrorBox error={schedules.error} />
        {schedules.data?.schedules.length === 0 ? <p class="muted">No schedule is configured.</p> : null}
        {schedules.data && !schedules.data.fired && schedules.data.schedules.length > 0 ? (
          <p class="muted">Only `amlops up` fires schedules; this server lists them.</p>
        ) : null}
        <ul class="plain">
          {schedules.data?.schedules.map((s) => (
            <li key={s.label}>
              <strong>{s.label}</strong>: flow {s.flow},{' '}
              {s.cron ? `cron ${s.cron}` : `every ${s.intervalSeconds} s`}, next {when(s.nextAt)}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

/**
 * Reads a run's log, then again every second until the run has ended and no line is left;
 * `generation` starts over (after a retry).
 */
function useFollowedLog(id: string, generation: number): PipelineLogLine[] {
  const [lines, setLines] = useState<PipelineLogLine[]>([]);
  useEffect(() => {
    setLines([]);
    let stopped = false;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const page = await api<{ lines: PipelineLogLine[]; lastSeq: number; ended: boolean }>(
          `/api/v1/pipelines/${encodeURIComponent(id)}/logs?after_seq=${last}`,
        );
        if (stopped) return;
        if (page.lines.length > 0) setLines((before) => [...before, ...page.lines]);
        last = page.lastSeq;
        if (!page.ended || page.lines.length > 0) timer = setTimeout(read, 1000);
      } catch {
        if (!stopped) timer = setTimeout(read, 3000);
      }
    };
    read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, generation]);
  return lines;
}

/** One run: its steps with states and durations, its log followed while it runs; retry and cancel. */
export function PipelineRunPage(props: { id: string }) {
  const id = encodeURIComponent(props.id);
  const [moving, setMoving] = useState(true);
  const detail = useApi<{ run: PipelineRun; steps: PipelineStep[] }>(
    `/api/v1/pipelines/${id}`,
    moving ? 1000 : undefined,
  );
  const [generation, setGeneration] = useState(0);
  const lines = useFollowedLog(props.id, generation);
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    if (detail.data) setMoving(MOVING.has(detail.data.run.state));
  }, [detail.data]);
  if (!detail.data)
    return detail.error ? <ErrorBox error={detail.error} /> : <Loading what="the pipeline run" />;
  const { run, steps } = detail.data;
  const act = (what: 'retry' | 'cancel') =>
    api<{ run: PipelineRun }>(`/api/v1/pipelines/${id}/${what}`, { method: 'POST', body: {} }).then(() => {
      setError(undefined);
      setMoving(true);
      setGeneration((n) => n + 1);
      detail.reload();
    }, setError);
  const longest = Math.max(1, ...steps.map((s) => s.durationMs ?? 0));
  return (
    <>
      <h1>
        Pipeline {run.flow} <Badge text={run.state} />
      </h1>
      <p class="muted">
        run {run.id} · created {when(run.createdAt)} · attempt {run.attempt}
        {run.worker ? ` · on ${run.worker}` : ''}
        {run.trackingRunId ? (
          <>
            {' '}
            · <a href={href('runs', run.trackingRunId)}>its tracking run</a>
          </>
        ) : null}
      </p>
      {run.error ? (
        <div class="error" role="alert">
          <strong>{run.error.code}</strong> {run.error.message}
        </div>
      ) : null}
      <div class="toolbar">
        {['Failed', 'TimedOut', 'Cancelled', 'Crashed'].includes(run.state) ? (
          <button type="button" onClick={() => act('retry')}>
            Retry from {run.failedStep ?? 'the start'}
          </button>
        ) : null}
        {MOVING.has(run.state) ? (
          <button type="button" onClick={() => act('cancel')}>
            Cancel
          </button>
        ) : null}
        <ErrorBox error={error} />
      </div>
      <Card title="Steps" wide>
        <ul class="bar-list">
          {steps.map((step) => (
            <li key={step.name}>
              <span class="bar-name">
                {step.name} <Badge text={step.state} />
              </span>
              <span class="bar-track">
                <span class="bar-fill" style={{ width: `${((step.durationMs ?? 0) / longest) * 100}%` }} />
              </span>
              <span class="bar-value">{duration(step.durationMs)}</span>
            </li>
          ))}
        </ul>
      </Card>
      <Card title={`Log${moving ? ' (following)' : ''}`} wide>
        <pre class="log" aria-live="polite">
          {lines
            .map(
              (line) =>
                `${new Date(line.time).toISOString().slice(11, 19)} ${line.level.padEnd(5)} ${line.step ? `[${line.step}] ` : ''}${line.message}`,
            )
            .join('\n')}
        </pre>
      </Card>
    </>
  );
}
