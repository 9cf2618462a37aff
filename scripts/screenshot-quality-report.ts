// Renders the quality report of generated data (a reference sample against a drifted current one,
// as `amlops report quality` would) and screenshots it in Debian's Chromium at 1280 and 390 px wide
// into docs/screenshots/. Run with `npx tsx scripts/screenshot-quality-report.ts`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildQualityReport } from '../src/core/quality/build-quality-report.js';
import { renderQualityHtml } from '../src/core/quality/html/render-quality-html.js';
import { qualityTableFromFrame } from '../src/core/quality/quality-table-from-frame.js';
import { generateCases } from '../src/core/synthetic/index.js';

const roles = {
  features: ['total_income_dollar_amount', 'total_outcome_dollar_amount', 'risk_pld'],
  target: 'conclusion',
};
const reference = qualityTableFromFrame(
  'cases of March (reference)',
  generateCases({ rows: 50_000, seed: 7 }).frame,
  roles,
);
const current = qualityTableFromFrame(
  'cases of April (current)',
  generateCases({ rows: 20_000, seed: 8, drift: 0.6, missingRate: 0.02, unseenCategoryRate: 0.01 }).frame,
  roles,
);
const report = buildQualityReport(reference, current, {
  target: { column: 'conclusion', negativeValue: 'CLOSED_NO_ROI' },
});
const html = renderQualityHtml(report, {
  title: 'Data quality and drift',
  subtitle: 'amlops report quality --reference march.csv --current april.csv',
  generatedAt: '2026-12-04T10:00:00.000Z',
});
const dir = mkdtempSync(join(tmpdir(), 'amlops-screenshot-'));
const page = join(dir, 'report.html');
writeFileSync(page, html);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
try {
  for (const width of [1280, 390]) {
    const tab = await browser.newPage({ viewport: { width, height: 900 } });
    await tab.goto(`file://${page}`);
    await tab.screenshot({
      path: join(import.meta.dirname, '..', 'docs', 'screenshots', `quality-report-${width}.png`),
      fullPage: true,
      clip: { x: 0, y: 0, width, height: width === 1280 ? 2300 : 2600 },
    });
    await tab.close();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
