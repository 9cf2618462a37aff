import { useState } from 'preact/hooks';
import { type ApiError, api, apiKey } from '../api.js';
import { Badge, Card, ErrorBox, Loading } from '../components/parts.js';
import { ago, metric, when } from '../format.js';
import type { AlertEntry } from '../types.js';
import { useApi } from '../use-api.js';

interface AlertEvent {
  readonly id: number;
  readonly rule: string;
  readonly at: number;
  readonly kind: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly message: string;
  readonly by?: string | null;
}

/** Who acts, when no key names them: asked once per tab. */
const NAME_STORAGE = 'amlops.name';

/** Silence a rule for a while, or acknowledge it; says who (the key, or a name given here). */
function AlertActions(props: { entry: AlertEntry; onDone: () => void }) {
  const [duration, setDuration] = useState('4h');
  const [reason, setReason] = useState('');
  const [name, setName] = useState(sessionStorage.getItem(NAME_STORAGE) ?? '');
  const [error, setError] = useState<ApiError>();
  const rule = encodeURIComponent(props.entry.rule.name);
  const by = apiKey() ? {} : { by: name };
  const act = async (path: string, body: object) => {
    try {
      if (!apiKey()) sessionStorage.setItem(NAME_STORAGE, name);
      await api(`/api/v1/alerts/${rule}/${path}`, { method: 'POST', body: { ...body, ...by } });
      setError(undefined);
      props.onDone();
    } catch (failure) {
      setError(failure as ApiError);
    }
  };
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        act('silence', { for: duration, reason });
      }}
    >
      {apiKey() ? null : (
        <input
          aria-label="your name"
          placeholder="your name"
          required
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      )}
      <input
        aria-label="silence for"
        size={4}
        value={duration}
        onInput={(e) => setDuration(e.currentTarget.value)}
      />
      <input
        aria-label="reason to silence"
        placeholder="reason"
        required
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      <button type="submit">Silence</button>
      {props.entry.state?.state === 'firing' && !props.entry.state.acknowledgedBy ? (
        <button type="button" onClick={() => act('ack', {})}>
          Acknowledge
        </button>
      ) : null}
      <ErrorBox error={error} />
    </form>
  );
}

/** Every alert rule with its state, silence and acknowledgement, and the history of changes. */
export function AlertsPage() {
  const alerts = useApi<{ alerts: AlertEntry[] }>('/api/v1/alerts', 10_000);
  const history = useApi<{ events: AlertEvent[] }>('/api/v1/alerts/history?max_results=100', 10_000);
  const reload = () => {
    alerts.reload();
    history.reload();
  };
  return (
    <>
      <h1>Alerts</h1>
      <ErrorBox error={alerts.error} />
      {!alerts.data ? (
        alerts.error ? null : (
          <Loading what="alerts" />
        )
      ) : (
        <Card title="Rules and their states" wide>
          <div class="table-scroll">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">rule</th>
                  <th scope="col">state</th>
                  <th scope="col">condition</th>
                  <th scope="col">value</th>
                  <th scope="col">silenced / acknowledged</th>
                  <th scope="col">act</th>
                </tr>
              </thead>
              <tbody>
                {alerts.data.alerts.map((entry) => {
                  const s = entry.state;
                  return (
                    <tr key={entry.rule.name}>
                      <td>
                        <strong>{entry.rule.name}</strong> <Badge text={entry.rule.severity} />
                        <div class="muted">{entry.rule.summary}</div>
                      </td>
                      <td>
                        <Badge text={s?.state ?? 'not evaluated'} />{' '}
                        {s ? <span class="muted">{ago(s.since)}</span> : null}
                      </td>
                      <td>
                        <code>
                          {entry.rule.metric} {entry.rule.condition} {entry.rule.threshold}
                        </code>
                      </td>
                      <td class="num" title={s?.detail}>
                        {metric(s?.value)}
                      </td>
                      <td>
                        {s?.silencedUntil && s.silencedUntil > Date.now() ? (
                          <div>
                            silenced by {s.silencedBy} until {when(s.silencedUntil)}: {s.silenceReason}
                          </div>
                        ) : null}
                        {s?.acknowledgedBy ? (
                          <div>
                            acknowledged by {s.acknowledgedBy} {ago(s.acknowledgedAt)}
                          </div>
                        ) : null}
                      </td>
                      <td>
                        <AlertActions entry={entry} onDone={reload} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      <Card title="History" wide>
        <ErrorBox error={history.error} />
        {history.data?.events.length === 0 ? <p class="muted">Nothing has happened yet.</p> : null}
        <ul class="plain">
          {history.data?.events.map((e) => (
            <li key={e.id}>
              <span class="muted">{when(e.at)}</span> <strong>{e.rule}</strong>{' '}
              {e.kind === 'transition' ? `${e.from} → ${e.to}` : e.kind} {e.by ? `by ${e.by}` : ''}:{' '}
              {e.message}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
