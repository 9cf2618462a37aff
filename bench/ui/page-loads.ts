/**
 * `npm run bench:ui [-- --runs 1000 --versions 50 --cases 1000000 --reps 5]`: how long each page of
 * the web UI takes to load in Debian's Chromium, on the embedded (SQLite) store holding `runs`
 * tracking runs, `versions` model versions and `cases` audited scored cases (issue 14's target:
 * every page under 1 s). The store is seeded once per set of sizes (bench/ui/seed-ui-store.ts) and
 * kept under the temporary folder; the server is the product's (`openServerApp`) on loopback, with
 * the UI built from web/src.
 *
 * Each page is loaded in a fresh browser context (cold: nothing cached), then reloaded in the same
 * context (warm: the hashed script and style sheet cached). Loaded means the page shows its data
 * (bench/ui/ui-pages.ts says what, per page), timed by the page's own clock from navigation start.
 * The browser's resource timing gives each API call's server time (request sent to first byte),
 * so that a slow page names its slow endpoint. One pass over every page first, unmeasured (a server
 * that has been up); then `reps` passes, pages in turn; medians and maxima.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain JavaScript build script, without types
import { buildWeb } from '../../scripts/build-web.js';
import { openServerApp } from '../../src/http/server-app.js';
import { processFlows } from '../../src/main/process-flows.js';
import { launchChromium } from '../../test/web/browser-kit.js';
import { median } from '../support/timed-node.js';
import { loadPage, type PageLoad, watchReadiness } from './page-timing.js';
import { seededUiStore, uiStoreConfig } from './seed-ui-store.js';
import { type UiPage, uiPages } from './ui-pages.js';

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const sizes = { runs: flag('runs', 1000), versions: flag('versions', 50), cases: flag('cases', 1_000_000) };
const reps = flag('reps', 5);
const TARGET_MS = 1000;
const log = (line: string) => process.stderr.write(`${line}\n`);

const { store, reused } = await seededUiStore(sizes, log);
log(
  reused
    ? `reusing the store seeded ${store.seededAt} in ${store.home} (seeding took ${store.seedSeconds.toFixed(1)} s)`
    : `seeded ${store.home} in ${store.seedSeconds.toFixed(1)} s`,
);

const webRoot = mkdtempSync(join(tmpdir(), 'amlops-bench-ui-web-'));
await buildWeb(webRoot);
const config = uiStoreConfig(store.home);
const flows = processFlows(config, store.home);
const server = await openServerApp(config, {
  cwd: store.home,
  version: 'bench',
  webRoot,
  pipelines: { flows: async () => flows.flows, startedByUp: true },
});
await server.app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
const browser = await launchChromium();
const pages = uiPages(store);
const loads = new Map(pages.map((p) => [p.name, { cold: [] as PageLoad[], warm: [] as PageLoad[] }]));

/** A cold load of `page` in a new context, then a warm reload in the same one. */
async function coldThenWarm(page: UiPage): Promise<{ cold: PageLoad; warm: PageLoad }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const tab = await context.newPage();
    await watchReadiness(tab, page.ready);
    const url = `${base}/#/${page.hash}`;
    const cold = await loadPage(tab, url);
    const warm = await loadPage(tab, url, { reload: true });
    if (cold.loadedMs === null || warm.loadedMs === null)
      log(
        `  ${page.name}: not loaded within 30 s; the page shows: ${((await tab.textContent('main')) ?? '').slice(0, 300)}`,
      );
    return { cold, warm };
  } finally {
    await context.close();
  }
}

try {
  for (const page of pages) await coldThenWarm(page);
  for (let rep = 0; rep < reps; rep++) {
    const line: string[] = [];
    for (const page of pages) {
      const { cold, warm } = await coldThenWarm(page);
      loads.get(page.name)!.cold.push(cold);
      loads.get(page.name)!.warm.push(warm);
      line.push(`${page.name} ${ms(cold.loadedMs)}/${ms(warm.loadedMs)}`);
    }
    log(`rep ${rep + 1} (cold/warm ms): ${line.join(', ')}`);
  }

  const rows = pages.map((page) => summarise(page, loads.get(page.name)!));
  const direct = new Map<string, number[]>();
  // The slow endpoints of the pages over the target, timed again without the browser.
  for (const row of rows.filter((r) => (!r.meets || r.complete >= TARGET_MS) && r.slowest))
    if (!direct.has(row.slowest!.path)) direct.set(row.slowest!.path, await timeDirectly(row.slowest!.path));
  const out: string[] = [
    `Web UI page loads: Chromium ${browser.version()}, embedded SQLite store with ${sizes.runs} runs, ${sizes.versions} model versions, ${sizes.cases} audited cases; ${reps} reps; ${availableParallelism()} cores`,
    '',
    '| page | loaded, cold median | cold max | warm median | warm max | under 1 s | all its data in, cold median | slowest API call (server time, median of cold loads) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${ms(r.coldMedian)} | ${ms(r.coldMax)} | ${ms(r.warmMedian)} | ${ms(r.warmMax)} | ${r.meets ? 'yes' : '**no**'} | ${ms(r.complete)}${r.complete >= TARGET_MS ? ' (over 1 s)' : ''} | ${r.slowest ? `\`${r.slowest.path}\` ${ms(r.slowest.serverMs)}` : '–'} |`,
    ),
    '',
  ];
  for (const [path, times] of direct)
    out.push(
      `\`GET ${path}\` alone (from Node, 5 times): median ${ms(median(times))}, max ${ms(Math.max(...times))}`,
    );
  const meeting = rows.filter((r) => r.meets).map((r) => r.name);
  const missing = rows.filter((r) => !r.meets).map((r) => r.name);
  const late = rows.filter((r) => r.complete >= TARGET_MS).map((r) => r.name);
  out.push(
    `pages loaded under 1 s (cold and warm medians): ${meeting.length} of ${rows.length}${missing.length > 0 ? `; over 1 s: ${missing.join(', ')}` : ': every page meets the target'}` +
      (late.length > 0 ? `; data still arriving after 1 s (cold median) on: ${late.join(', ')}` : ''),
    `BENCHJSON ${JSON.stringify({ sizes, reps, cores: availableParallelism(), seedSeconds: store.seedSeconds, pages: rows, direct: Object.fromEntries(direct) })}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  await browser.close();
  await server.app.close();
  await server.close();
  await flows.close();
  rmSync(webRoot, { recursive: true, force: true });
}

function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'not loaded';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

/** A page's figures: medians and maxima of its loads, and its slowest API call by median server time. */
function summarise(page: UiPage, { cold, warm }: { cold: PageLoad[]; warm: PageLoad[] }) {
  const times = (xs: PageLoad[]) => xs.map((x) => x.loadedMs ?? Number.POSITIVE_INFINITY);
  const serverTimes = new Map<string, number[]>();
  for (const load of cold)
    for (const call of load.apiCalls)
      serverTimes.set(call.path, [...(serverTimes.get(call.path) ?? []), call.serverMs]);
  const slowest = [...serverTimes]
    .map(([path, ts]) => ({ path, serverMs: median(ts), maxServerMs: Math.max(...ts) }))
    .sort((a, b) => b.serverMs - a.serverMs)[0];
  const coldMedian = median(times(cold));
  // The page showing its data, or the last of its first API answers if that came later.
  const complete = median(
    cold.map((x) => Math.max(x.loadedMs ?? Number.POSITIVE_INFINITY, x.lastApiMs ?? 0)),
  );
  const warmMedian = median(times(warm));
  return {
    name: page.name,
    hash: page.hash,
    coldMedian,
    coldMax: Math.max(...times(cold)),
    warmMedian,
    warmMax: Math.max(...times(warm)),
    coldWallMedian: median(cold.map((x) => x.wallMs)),
    complete,
    meets: coldMedian < TARGET_MS && warmMedian < TARGET_MS,
    slowest,
    apiCalls: [...serverTimes].map(([path, ts]) => ({ path, serverMedianMs: median(ts) })),
  };
}

/** `GET path` from this process 5 times in a row: the server's time with no browser around it. */
async function timeDirectly(path: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const answer = await fetch(`${base}${path}`);
    await answer.arrayBuffer();
    times.push(performance.now() - started);
  }
  return times;
}
