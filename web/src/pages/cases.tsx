import { useState } from 'preact/hooks';
import { Card, ErrorBox, Loading, Pairs } from '../components/parts.js';
import { ReasonsCard } from '../components/reasons-card.js';
import { metric, when } from '../format.js';
import { href, navigate, type Place } from '../router.js';
import type { CaseDetail, ScoredCase } from '../types.js';
import { useApi } from '../use-api.js';

/** The search fields of the audit log, as the API names them. */
const FIELDS = [
  ['since', 'scored since', 'datetime-local'],
  ['until', 'scored before', 'datetime-local'],
  ['model_version', 'model version', 'text'],
  ['min_score', 'score at least', 'number'],
  ['max_score', 'score at most', 'number'],
  ['request_id', 'request id', 'text'],
  ['case_id', 'case id', 'text'],
] as const;

/** A `datetime-local` value (local time, no zone) as the ISO time the API reads. */
function isoOf(field: string, value: string): string {
  return (field === 'since' || field === 'until') && value ? new Date(value).toISOString() : value;
}

/** The audit log: every scored case, searched by time, model version, score range, request or case id. */
export function ScoredCasesPage(props: { place: Place }) {
  const query = props.place.query;
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(FIELDS.map(([name]) => [name, query.get(`${name}_input`) ?? ''])),
  );
  const search = new URLSearchParams();
  for (const [name] of FIELDS) {
    const value = query.get(name);
    if (value) search.set(name, value);
  }
  search.set('max_results', '200');
  const cases = useApi<{ cases: ScoredCase[]; nextPageToken?: string }>(`/api/v1/predictions?${search}`);
  return (
    <>
      <h1>Scored cases</h1>
      <p class="muted">
        Every case the service scored (the audit log). <a href={href('cases')}>The cases to investigate</a>{' '}
        are the alerted ones.
      </p>
      <form
        class="search-form"
        aria-label="search scored cases"
        onSubmit={(event) => {
          event.preventDefault();
          const asked: Record<string, string> = {};
          for (const [name] of FIELDS) {
            const value = draft[name]!.trim();
            if (!value) continue;
            asked[name] = isoOf(name, value);
            asked[`${name}_input`] = value;
          }
          navigate(['cases', 'scored'], asked);
        }}
      >
        {FIELDS.map(([name, label, type]) => (
          <label key={name}>
            {label}
            <input
              type={type}
              step={type === 'number' ? 'any' : undefined}
              value={draft[name]}
              onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
            />
          </label>
        ))}
        <button type="submit" class="primary">
          Search
        </button>
      </form>
      <ErrorBox error={cases.error} />
      {!cases.data ? (
        cases.error ? null : (
          <Loading what="scored cases" />
        )
      ) : (
        <Card
          title={`${cases.data.cases.length}${cases.data.nextPageToken ? '+' : ''} cases, newest first`}
          wide
        >
          <div class="table-scroll">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">scored</th>
                  <th scope="col">case</th>
                  <th scope="col">model</th>
                  <th scope="col">score</th>
                  <th scope="col">request</th>
                  <th scope="col">caller</th>
                </tr>
              </thead>
              <tbody>
                {cases.data.cases.map((c) => (
                  <tr key={`${c.requestId}/${c.row}`}>
                    <td>
                      <a href={href('cases', c.requestId, String(c.row))}>{when(c.time)}</a>
                    </td>
                    <td>{c.caseId ?? '–'}</td>
                    <td>
                      {c.modelName} v{c.modelVersion}
                    </td>
                    <td class="num">{metric(c.score)}</td>
                    <td>
                      <code>{c.requestId.slice(0, 13)}…</code> row {c.row}
                    </td>
                    <td>{c.caller || '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}

/** One scored case: its inputs, score, reasons and the analysts' conclusions on it. */
export function CaseDetailPage(props: { requestId: string; row: string }) {
  const detail = useApi<CaseDetail>(
    `/api/v1/predictions/${encodeURIComponent(props.requestId)}/${encodeURIComponent(props.row)}`,
  );
  if (!detail.data) return detail.error ? <ErrorBox error={detail.error} /> : <Loading what="the case" />;
  const { case: c, conclusions, reasons } = detail.data;
  return (
    <>
      <h1>
        Case {c.caseId ?? `${c.requestId} row ${c.row}`}: score {metric(c.score)}
      </h1>
      <p class="muted">
        scored {when(c.time)} by{' '}
        <a href={href('models', c.modelName)}>
          {c.modelName} v{c.modelVersion}
        </a>
        {c.caller ? ` for ${c.caller}` : ''} · request {c.requestId} row {c.row}
        {c.clientRequestId ? ` · client request ${c.clientRequestId}` : ''}
      </p>
      <div class="grid">
        <Card title="Inputs, as scored">
          <Pairs
            entries={Object.entries(c.inputs).map(
              ([k, v]) => [k, v === null ? 'missing' : String(v)] as const,
            )}
          />
        </Card>
        <ReasonsCard reasons={reasons} unavailable={detail.data.reasonsUnavailable} />
        <Card title={`Conclusions (${conclusions.length})`}>
          {conclusions.length === 0 ? (
            <p class="muted">No analyst has concluded on this case.</p>
          ) : (
            <ul class="plain">
              {conclusions.map((f) => (
                <li key={f.time}>
                  {when(f.time)} <strong>{f.conclusion}</strong> by {f.analyst || '–'}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
