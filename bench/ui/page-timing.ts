/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import type { ReadyRequirement } from './ui-pages.js';

/** One API call a page made before it was loaded, from the browser's resource timing. */
export interface ApiCall {
  /** Path and query, e.g. `/api/v1/runs?max_results=200`. */
  readonly path: string;
  /** Request sent to first byte of the answer (on loopback: the server's time), ms. */
  readonly serverMs: number;
  /** Request start to last byte, ms. */
  readonly totalMs: number;
}

/** One load of a page. */
export interface PageLoad {
  /** Navigation start to the page showing its data, by the page's own clock (ms); null when it never did. */
  readonly loadedMs: number | null;
  /**
   * The same seen from this process: `goto` called to the page reporting it (ms). Longer than
   * `loadedMs` when the server, in this process, holds the event loop (a synchronous SQLite query).
   */
  readonly wallMs: number;
  /** Navigation start to the last answer of the API calls made before the page was loaded (ms). */
  readonly lastApiMs: number | null;
  readonly apiCalls: readonly ApiCall[];
}

/**
 * The script installed in every document of a context: it checks the page's requirements on every
 * DOM change and every frame, and notes `performance.now()` (ms since navigation start) the first
 * time they all hold, as `window.__amlopsLoadedAt`. Plain JavaScript: it runs in the browser.
 */
function readyScript(requirements: readonly ReadyRequirement[]): string {
  return `(() => {
  const requirements = ${JSON.stringify(requirements)};
  const drawn = (canvas) => {
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return false;
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 4; i < pixels.length; i += 4 * 7)
      if (pixels[i] !== pixels[0] || pixels[i + 1] !== pixels[1] || pixels[i + 2] !== pixels[2] || pixels[i + 3] !== pixels[3]) return true;
    return false;
  };
  const holds = (r) => {
    if ('count' in r) return document.querySelectorAll(r.count).length >= r.atLeast;
    if ('text' in r) return [...document.querySelectorAll(r.text)].some((e) => (e.textContent || '').includes(r.contains));
    if ('none' in r) return document.querySelector(r.none) === null;
    if ('drawn' in r) return [...document.querySelectorAll(r.drawn)].some((e) => [...e.querySelectorAll('canvas')].some(drawn));
    if ('anyOf' in r) return r.anyOf.some(holds);
    return false;
  };
  const check = () => {
    if (window.__amlopsLoadedAt !== undefined) return;
    if (document.getElementById('app') && requirements.every(holds)) window.__amlopsLoadedAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  const frame = () => { check(); if (window.__amlopsLoadedAt === undefined) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})();`;
}

/**
 * Makes every document of the page's context report when `requirements` hold; call once per
 * context, before its first navigation.
 *
 * @example
 * await watchReadiness(page, pages[0].ready);
 */
export async function watchReadiness(page: Page, requirements: readonly ReadyRequirement[]): Promise<void> {
  await page.context().addInitScript({ content: readyScript(requirements) });
}

/**
 * Loads `url` (or reloads the page, with `reload`) and waits until the page reports it shows its
 * data (at most `timeoutMs`): the time by the page's clock and by ours, and the API calls it made
 * until then with their server times (once the network is quiet, so that every one has ended).
 *
 * @example
 * const cold = await loadPage(page, `${base}/#/runs`);
 * const warm = await loadPage(page, `${base}/#/runs`, { reload: true });
 */
export async function loadPage(
  page: Page,
  url: string,
  options: { reload?: boolean; timeoutMs?: number } = {},
): Promise<PageLoad> {
  const started = performance.now();
  if (options.reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto(url, { waitUntil: 'commit' });
  const loaded = await page
    .waitForFunction(() => (window as unknown as { __amlopsLoadedAt?: number }).__amlopsLoadedAt, undefined, {
      timeout: options.timeoutMs ?? 30_000,
    })
    .then(
      async (handle) => (await handle.jsonValue()) as number,
      () => null,
    );
  const wallMs = performance.now() - started;
  // The calls still on their way once the page shows its data (a tile filled in later) end first.
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
  const apiCalls = await page.evaluate((until) => {
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    return entries
      .filter((e) => new URL(e.name).pathname.startsWith('/api/') && (until === null || e.startTime <= until))
      .map((e) => {
        const url = new URL(e.name);
        return {
          path: `${url.pathname}${url.search}`,
          serverMs: e.responseStart > 0 && e.requestStart > 0 ? e.responseStart - e.requestStart : e.duration,
          totalMs: e.duration,
          endMs: e.responseEnd,
        };
      });
  }, loaded);
  return {
    loadedMs: loaded,
    wallMs,
    lastApiMs: apiCalls.length === 0 ? null : Math.max(...apiCalls.map((c) => c.endMs)),
    apiCalls: apiCalls.map(({ path, serverMs, totalMs }) => ({ path, serverMs, totalMs })),
  };
}
