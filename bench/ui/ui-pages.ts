import type { SeededUiStore } from './seed-ui-store.js';

/**
 * What must be on the page for it to count as loaded, checked in the page itself: every
 * requirement holds at once.
 * - `count`: at least `atLeast` elements match `selector`;
 * - `text`: an element matching `selector` contains `contains`;
 * - `drawn`: a canvas inside an element matching `selector` has pixels of more than one colour;
 * - `none`: nothing matches `selector` (no "Loading…" left);
 * - `anyOf`: one of the alternatives holds.
 */
export type ReadyRequirement =
  | { readonly count: string; readonly atLeast: number }
  | { readonly text: string; readonly contains: string }
  | { readonly drawn: string }
  | { readonly none: string }
  | { readonly anyOf: readonly ReadyRequirement[] };

/** A page of the UI: its hash route and when its data has arrived and is shown. */
export interface UiPage {
  readonly name: string;
  readonly hash: string;
  readonly ready: readonly ReadyRequirement[];
}

/** Nothing on the page still says "Loading …" (the `Loading` part sets `aria-busy`). */
const NOTHING_LOADING: ReadyRequirement = { none: 'main [aria-busy="true"]' };
const region = (label: string) => `main section[aria-label="${label}"]`;

/**
 * Every page of the web UI (issue 14) on the seeded store, each with the content that appears only
 * once its data has arrived: table rows, a region holding a known name, a drawn chart.
 *
 * @example
 * for (const page of uiPages(store)) await load(`${base}/#/${page.hash}`, page.ready);
 */
export function uiPages(store: SeededUiStore): UiPage[] {
  const model = store.model;
  const versions = Math.min(store.sizes.versions, 50);
  return [
    {
      name: 'overview',
      hash: 'overview',
      ready: [
        { text: region('Production model'), contains: `${model} v${store.productionVersion}` },
        { text: region('Production model'), contains: 'test ROC AUC' },
        NOTHING_LOADING,
      ],
    },
    {
      name: 'runs',
      hash: 'runs',
      ready: [{ count: 'main table.data tbody tr', atLeast: Math.min(200, store.sizes.runs) }],
    },
    {
      name: 'run detail (trained run)',
      hash: `runs/${store.trainedRunId}`,
      ready: [
        { drawn: region('Curves: train and test') },
        { count: `${region('Data quality of the training')} a`, atLeast: 1 },
        { text: region('Model card'), contains: model },
      ],
    },
    {
      name: 'compare 2 runs',
      hash: `compare/${store.trainedRunId},${store.otherRunId}`,
      ready: [
        { count: `${region('Parameters and metrics')} tbody tr`, atLeast: 2 },
        { drawn: region('Test curves, overlaid') },
      ],
    },
    {
      name: 'models',
      hash: 'models',
      ready: [{ text: 'main table.data tbody', contains: model }],
    },
    {
      name: 'model detail',
      hash: `models/${encodeURIComponent(model)}`,
      ready: [{ count: `${region('Versions')} tbody tr`, atLeast: versions }, { drawn: 'main section.card' }],
    },
    {
      name: 'quality reports',
      hash: 'quality',
      ready: [
        { count: 'main table.data tbody tr', atLeast: 1 },
        {
          anyOf: [
            { drawn: 'main section.card' },
            { text: 'main section.card', contains: 'No live check yet' },
          ],
        },
      ],
    },
    {
      name: 'quality report (training)',
      hash: `quality/${store.qualityReportId}`,
      ready: [
        { count: `${region('Columns, drifting first')} article`, atLeast: 3 },
        { drawn: region('Columns, drifting first') },
      ],
    },
    {
      name: 'alerts',
      hash: 'alerts',
      ready: [
        { count: `${region('Rules and their states')} tbody tr`, atLeast: 1 },
        {
          anyOf: [
            { count: `${region('History')} li`, atLeast: 1 },
            { text: region('History'), contains: 'Nothing has happened yet' },
          ],
        },
      ],
    },
    {
      name: 'pipelines',
      hash: 'pipelines',
      ready: [{ count: 'main table.data tbody tr', atLeast: 1 }, NOTHING_LOADING],
    },
    {
      name: 'pipeline run',
      hash: `pipelines/${store.pipelineRunId}`,
      ready: [
        { count: `${region('Steps')} li`, atLeast: 5 },
        { text: 'main pre.log', contains: ':' },
      ],
    },
    {
      name: 'scored cases',
      hash: 'cases',
      ready: [{ count: 'main table.data tbody tr', atLeast: Math.min(200, store.sizes.cases) }],
    },
    {
      name: 'scored case',
      hash: `cases/${store.caseRef.requestId}/${store.caseRef.row}`,
      ready: [
        { text: region('Inputs, as scored'), contains: 'risk_pld' },
        { count: 'main section[aria-label^="Reasons"] code', atLeast: 1 },
      ],
    },
  ];
}
