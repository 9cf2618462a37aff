/// <reference lib="dom" />
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, headless, as the machines here run it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A page with everything it asked for and every console error and uncaught exception recorded. */
export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly requests: string[];
  /** Uncaught exceptions and console errors, but for the API's refusals (4xx) below. */
  readonly problems: string[];
  /** Requests the API refused with a 4xx, which Chromium logs as console errors. */
  readonly refused: string[];
}

/**
 * Opens a page of `width` pixels that records the URLs it requests and the errors it logs.
 *
 * @example
 * const { page, problems } = await watchedPage(browser, 1280);
 */
export async function watchedPage(browser: Browser, width: number): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  const refused: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()))
      refused.push(message.text());
    else problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  return { page, context, requests, problems, refused };
}

/** Whether the page has a chart drawn: a canvas with pixels that are not all one colour. */
export function hasDrawnChart(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    [...document.querySelectorAll('canvas')].some((canvas) => {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) return false;
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const first = pixels.slice(0, 4).join();
      for (let i = 4; i < pixels.length; i += 4 * 7) if (pixels.slice(i, i + 4).join() !== first) return true;
      return false;
    }),
  );
}
