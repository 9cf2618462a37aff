import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiKey, onUnauthorized, setApiKey } from './api.js';
import { AlertsPage } from './pages/alerts.js';
import { CaseDetailPage, ScoredCasesPage } from './pages/cases.js';
import { ComparePage } from './pages/compare.js';
import { ModelDetailPage, ModelsPage } from './pages/models.js';
import { OverviewPage } from './pages/overview.js';
import { PipelineRunPage, PipelinesPage } from './pages/pipelines.js';
import { QualityPage, QualityReportPage } from './pages/quality.js';
import { AlertCasePage, QueuePage } from './pages/queue.js';
import { RunDetailPage } from './pages/run-detail.js';
import { RunsPage } from './pages/runs.js';
import { href, type Place, usePlace } from './router.js';
import './styles.css';

/** The pages in the navigation, by their first path segment. */
const NAV = [
  ['overview', 'Overview'],
  ['runs', 'Runs'],
  ['models', 'Models'],
  ['quality', 'Data quality'],
  ['alerts', 'Alerts'],
  ['pipelines', 'Pipelines'],
  ['cases', 'Cases'],
] as const;

function Page(props: { place: Place }) {
  const [page = 'overview', id] = props.place.segments;
  if (page === 'runs') return id ? <RunDetailPage id={id} /> : <RunsPage place={props.place} />;
  if (page === 'compare') return <ComparePage ids={(id ?? '').split(',').filter((x) => x !== '')} />;
  if (page === 'models') return id ? <ModelDetailPage name={id} /> : <ModelsPage />;
  if (page === 'quality') return id ? <QualityReportPage id={id} /> : <QualityPage />;
  if (page === 'alerts') return <AlertsPage />;
  if (page === 'pipelines') return id ? <PipelineRunPage id={id} /> : <PipelinesPage />;
  if (page === 'cases') {
    // #/cases: the queue; #/cases/12: a case; #/cases/scored: every scored case; #/cases/REQUEST/ROW: one of them.
    const row = props.place.segments[2];
    if (id && row !== undefined) return <CaseDetailPage requestId={id} row={row} />;
    if (id === 'scored') return <ScoredCasesPage place={props.place} />;
    return id ? <AlertCasePage id={id} /> : <QueuePage place={props.place} />;
  }
  if (page === 'overview') return <OverviewPage />;
  return (
    <>
      <h1>No such page</h1>
      <p>
        <a href={href('overview')}>Back to the overview</a>
      </p>
    </>
  );
}

/**
 * Asks for an API key when the server wants one (a 401): kept in this tab's session storage and
 * sent as a header, never put in a URL.
 */
function KeyForm(props: { onKey: () => void }) {
  const [key, setKey] = useState('');
  return (
    <form
      class="dialog key-form"
      aria-label="API key"
      onSubmit={(event) => {
        event.preventDefault();
        setApiKey(key.trim());
        props.onKey();
      }}
    >
      <h2>This server needs an API key</h2>
      <p>
        Ask an admin for one (<code>amlops keys create --name you --role read</code>); it stays in this tab
        only.
      </p>
      <label for="api-key">API key</label>
      <input
        id="api-key"
        type="password"
        autocomplete="off"
        required
        value={key}
        onInput={(e) => setKey(e.currentTarget.value)}
      />
      <div class="dialog-actions">
        <button type="submit" class="primary">
          Use this key
        </button>
      </div>
    </form>
  );
}

function App() {
  const place = usePlace();
  const [needsKey, setNeedsKey] = useState(false);
  const [generation, setGeneration] = useState(0);
  useEffect(() => onUnauthorized(() => setNeedsKey(true)), []);
  const current = place.segments[0] ?? 'overview';
  return (
    <>
      <a class="skip" href="#main">
        Skip to the page
      </a>
      <header class="top">
        <a class="brand" href={href('overview')}>
          amlops
        </a>
        <nav aria-label="pages">
          {NAV.map(([segment, label]) => (
            <a key={segment} href={href(segment)} aria-current={current === segment ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        {apiKey() ? (
          <button
            type="button"
            class="link"
            onClick={() => {
              setApiKey(null);
              setGeneration((n) => n + 1);
            }}
          >
            Forget key
          </button>
        ) : null}
      </header>
      <main id="main" key={generation}>
        {needsKey ? (
          <KeyForm
            onKey={() => {
              setNeedsKey(false);
              setGeneration((n) => n + 1);
            }}
          />
        ) : (
          <Page place={place} />
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
