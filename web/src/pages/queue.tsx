import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, apiKey } from '../api.js';
import { LiveBudgetCard } from '../components/live-budget-card.js';
import { Badge, Card, ErrorBox, Loading, Pairs } from '../components/parts.js';
import { ReasonsCard } from '../components/reasons-card.js';
import { metric, when } from '../format.js';
import { href, navigate, type Place } from '../router.js';
import type { AlertCase, AlertCaseDetail, CaseQueue, ConclusionChoices } from '../types.js';
import { useApi } from '../use-api.js';

/** Who acts, when no key names them: asked once per tab (the alerts page keeps the same). */
const NAME_STORAGE = 'amlops.name';

const STATE_TEXT: Record<AlertCase['state'], string> = {
  open: 'open',
  in_review: 'in review',
  concluded: 'concluded',
};

/** The views of the queue: which states, in the API's words. */
const VIEWS = [
  ['queue', 'open,in_review', 'To investigate'],
  ['open', 'open', 'Open'],
  ['in_review', 'in_review', 'In review'],
  ['concluded', 'concluded', 'Concluded'],
] as const;

/** True when a key press is meant for a text field, not for the page's shortcuts. */
function typing(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return (
    !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)
  );
}

/** The conclusions in order, the negative one first, each with its key (1, 2, 3…). */
function conclusionList(choices: ConclusionChoices): readonly string[] {
  return [choices.negative, ...choices.positives];
}

/**
 * The analysts' queue: open and in-review cases, highest score first (or oldest first), with why
 * none open when the production version has no alert threshold. From the keyboard: j / k (or the
 * arrows) move, Enter opens the case.
 */
export function QueuePage(props: { place: Place }) {
  const view = VIEWS.find(([name]) => name === props.place.query.get('view')) ?? VIEWS[0];
  const sort = props.place.query.get('sort') === 'age' ? 'age' : 'score';
  const queue = useApi<CaseQueue>(`/api/v1/cases?state=${view[1]}&sort=${sort}&max_results=200`);
  const [selected, setSelected] = useState(0);
  // The selection as the key handler reads it: keys pressed quickly come before the next render.
  const current = useRef(0);
  const select = (i: number) => {
    current.current = i;
    setSelected(i);
  };
  const cases = queue.data?.cases ?? [];
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event) || event.altKey || event.ctrlKey || event.metaKey || cases.length === 0) return;
      const at = Math.min(current.current, cases.length - 1);
      if (event.key === 'j' || event.key === 'ArrowDown') select(Math.min(cases.length - 1, at + 1));
      else if (event.key === 'k' || event.key === 'ArrowUp') select(Math.max(0, at - 1));
      else if (event.key === 'Enter' && (event.target as HTMLElement | null)?.tagName !== 'A')
        navigate(['cases', String(cases[at]!.id)]);
      else return;
      event.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [cases]);
  const threshold = queue.data?.alertThreshold;
  return (
    <>
      <h1>Cases to investigate</h1>
      <p class="muted">
        Opened by scores at or above the alert threshold of the version that scored them (and a sample below
        it). <a href={href('cases', 'scored')}>Search every scored case</a>
      </p>
      <nav class="toolbar" aria-label="which cases">
        {VIEWS.map(([name, , label]) => (
          <a
            key={name}
            href={`${href('cases')}?view=${name}&sort=${sort}`}
            aria-current={view[0] === name ? 'page' : undefined}
            class={view[0] === name ? 'view-current' : undefined}
          >
            {label}
          </a>
        ))}
        <span class="muted">·</span>
        <a href={`${href('cases')}?view=${view[0]}&sort=${sort === 'score' ? 'age' : 'score'}`}>
          {sort === 'score' ? 'Oldest first' : 'Highest score first'}
        </a>
      </nav>
      <ErrorBox error={queue.error} />
      {!queue.data ? (
        queue.error ? null : (
          <Loading what="the cases" />
        )
      ) : (
        <Card
          title={`${queue.data.counts.open} open, ${queue.data.counts.in_review} in review`}
          wide
          actions={<span class="muted">keys: j / k to move, Enter to open</span>}
        >
          {threshold?.note ? (
            <p class="error" role="note">
              {threshold.note}
            </p>
          ) : threshold && threshold.alertThreshold !== null ? (
            <p class="muted">
              {threshold.model} v{threshold.version} (production) opens a case at a score of{' '}
              {metric(threshold.alertThreshold)} or more.
            </p>
          ) : null}
          {cases.length === 0 ? (
            <p class="muted">No case here.</p>
          ) : (
            <div class="table-scroll">
              <table class="data queue" aria-label="cases">
                <thead>
                  <tr>
                    <th scope="col">case</th>
                    <th scope="col">state</th>
                    <th scope="col">score</th>
                    <th scope="col">subject</th>
                    <th scope="col">opened</th>
                    <th scope="col">assignee</th>
                    <th scope="col">conclusion</th>
                  </tr>
                </thead>
                <tbody>
                  {cases.map((c, i) => (
                    <tr
                      key={c.id}
                      aria-selected={i === selected ? 'true' : 'false'}
                      onClick={() => select(i)}
                    >
                      <td>
                        <a href={href('cases', String(c.id))}>#{c.id}</a>
                      </td>
                      <td>
                        <Badge text={STATE_TEXT[c.state]} />
                        {c.sampled ? ' sampled' : ''}
                      </td>
                      <td class="num">{metric(c.score)}</td>
                      <td>{c.subject ?? '–'}</td>
                      <td>{when(c.openedAt)}</td>
                      <td>{c.assignee ?? '–'}</td>
                      <td>{c.conclusion ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      )}
      {threshold?.version && threshold.alertThreshold !== null ? (
        <LiveBudgetCard model={threshold.model} version={threshold.version} />
      ) : null}
    </>
  );
}

/**
 * Concluding from the keyboard: 1, 2, 3… choose the conclusion, n goes to the note, Ctrl+Enter
 * (or ⌘+Enter) concludes, t takes the case; the same with the mouse.
 */
function ConcludeForm(props: { detail: AlertCaseDetail; onDone: () => void }) {
  const choices = conclusionList(props.detail.conclusions);
  const [conclusion, setConclusion] = useState<string>();
  const [note, setNote] = useState('');
  const [name, setName] = useState(sessionStorage.getItem(NAME_STORAGE) ?? '');
  const [error, setError] = useState<ApiError>();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const id = props.detail.case.id;
  const act = async (path: 'assign' | 'conclude', decided: { conclusion?: string; note?: string } = {}) => {
    try {
      // Read from the field itself: a key pressed right after typing may come before a re-render.
      const actor = nameRef.current?.value ?? name;
      if (!apiKey()) sessionStorage.setItem(NAME_STORAGE, actor);
      const who = apiKey() ? {} : path === 'assign' ? { by: actor } : { analyst: actor };
      const body = path === 'assign' ? who : { ...decided, ...who };
      await api(`/api/v1/cases/${id}/${path}`, { method: 'POST', body });
      setError(undefined);
      props.onDone();
    } catch (failure) {
      setError(failure as ApiError);
    }
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        formRef.current?.requestSubmit();
        return;
      }
      if (typing(event) || event.altKey || event.ctrlKey || event.metaKey) return;
      const digit = Number(event.key);
      if (Number.isInteger(digit) && digit >= 1 && digit <= choices.length) setConclusion(choices[digit - 1]);
      else if (event.key === 'n') noteRef.current?.focus();
      else if (event.key === 't' && props.detail.case.state === 'open') void act('assign');
      else return;
      event.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  });
  return (
    <form
      ref={formRef}
      aria-label="conclude the case"
      onSubmit={(event) => {
        event.preventDefault();
        // Read from the form itself: keys typed a moment ago may not have re-rendered it yet.
        const form = new FormData(event.currentTarget);
        const chosen = (form.get('conclusion') as string | null) ?? conclusion;
        if (!chosen) {
          setError(new ApiError(0, 'CHOOSE', `choose a conclusion (keys 1 to ${choices.length})`));
          return;
        }
        void act('conclude', { conclusion: chosen, note: String(form.get('note') ?? note) });
      }}
    >
      <fieldset class="choices">
        <legend>Conclusion</legend>
        {choices.map((choice, i) => (
          <label key={choice}>
            <input
              type="radio"
              name="conclusion"
              value={choice}
              checked={conclusion === choice}
              onChange={() => setConclusion(choice)}
            />{' '}
            <kbd>{i + 1}</kbd> {choice}
            {choice === props.detail.conclusions.negative ? ' (nothing to report)' : ''}
          </label>
        ))}
      </fieldset>
      <label>
        Note <kbd>n</kbd>
        <textarea
          ref={noteRef}
          name="note"
          aria-label="note"
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </label>
      {apiKey() ? null : (
        <input
          ref={nameRef}
          aria-label="your name"
          placeholder="your name"
          required
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      )}
      <div class="inline-form">
        <button type="submit" class="primary">
          Conclude (Ctrl+Enter)
        </button>
        {props.detail.case.state === 'open' ? (
          <button type="button" onClick={() => void act('assign')}>
            Take it (t)
          </button>
        ) : null}
      </div>
      <ErrorBox error={error} />
    </form>
  );
}

/** One case: its score and why, the inputs it was scored on, its scores, the subject's other cases, concluding it. */
export function AlertCasePage(props: { id: string }) {
  const detail = useApi<AlertCaseDetail>(`/api/v1/cases/${encodeURIComponent(props.id)}`);
  if (!detail.data) return detail.error ? <ErrorBox error={detail.error} /> : <Loading what="the case" />;
  const { case: c, scored, reasons, scores, subjectCases } = detail.data;
  return (
    <>
      <h1>
        Case #{c.id}
        {c.subject !== null ? ` of ${c.subject}` : ''}: score {metric(c.score)}{' '}
        <Badge text={STATE_TEXT[c.state]} />
      </h1>
      <p class="muted">
        opened {when(c.openedAt)} by{' '}
        <a href={href('models', c.modelName)}>
          {c.modelName} v{c.modelVersion}
        </a>{' '}
        at a threshold of {metric(c.threshold)}
        {c.sampled ? ' (sampled below it, for an unbiased view)' : ''}
        {c.assignee ? ` · in review by ${c.assignee} since ${when(c.assignedAt)}` : ''} ·{' '}
        <a href={href('cases')}>back to the queue</a>
      </p>
      <div class="grid">
        {c.state === 'concluded' ? (
          <Card title="Conclusion">
            <p>
              <strong>{c.conclusion}</strong> (label {c.label}) by {c.concludedBy} on {when(c.concludedAt)}
            </p>
            {c.note ? <p>{c.note}</p> : null}
          </Card>
        ) : (
          <Card title="Conclude">
            <ConcludeForm detail={detail.data} onDone={detail.reload} />
          </Card>
        )}
        <Card title="Inputs, as scored">
          {scored ? (
            <Pairs
              entries={Object.entries(scored.inputs).map(
                ([k, v]) => [k, v === null ? 'missing' : String(v)] as const,
              )}
            />
          ) : (
            <p class="muted">No longer in the audit log.</p>
          )}
        </Card>
        <ReasonsCard reasons={reasons} unavailable={detail.data.reasonsUnavailable} />
        <Card title={`Scored cases (${scores.length})`}>
          <ul class="plain">
            {scores.map((s) => (
              <li key={`${s.requestId}/${s.row}`}>
                <a href={href('cases', s.requestId, String(s.row))}>{when(s.time)}</a> {metric(s.score)} by v
                {s.modelVersion}
                {s.sampled ? ' (sampled)' : ''}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={`Other cases of this subject (${subjectCases.length})`}>
          {subjectCases.length === 0 ? (
            <p class="muted">None.</p>
          ) : (
            <ul class="plain">
              {subjectCases.map((o) => (
                <li key={o.id}>
                  <a href={href('cases', String(o.id))}>#{o.id}</a> {STATE_TEXT[o.state]}, opened{' '}
                  {when(o.openedAt)}
                  {o.conclusion ? `: ${o.conclusion} by ${o.concludedBy}` : ''}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
