import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildQualityReport } from '../../src/core/quality/build-quality-report.js';
import { renderQualityHtml } from '../../src/core/quality/html/render-quality-html.js';
import { qualityTableFromFrame } from '../../src/core/quality/quality-table-from-frame.js';
import { generateCases } from '../../src/core/synthetic/index.js';

const roles = {
  features: ['total_income_dollar_amount', 'total_outcome_dollar_amount', 'risk_pld'],
  target: 'conclusion',
};

describe('the HTML quality report in a real browser (Chromium)', () => {
  it('opens offline: no request but the page itself, no console error, a chart per tested column, usable at 390 px', async () => {
    const reference = qualityTableFromFrame('reference', generateCases({ rows: 5000, seed: 1 }).frame, roles);
    const current = qualityTableFromFrame(
      'current <script>x</script>',
      generateCases({ rows: 3000, seed: 2, drift: 1 }).frame,
      roles,
    );
    const report = buildQualityReport(reference, current, {
      target: { column: 'conclusion', negativeValue: 'CLOSED_NO_ROI' },
    });
    const dir = mkdtempSync(join(tmpdir(), 'amlops-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderQualityHtml(report, { title: 'Quality', generatedAt: '2026-12-04T10:00:00Z' }));
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
      const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`file://${file}`);
      expect(requests).toEqual([`file://${file}`]);
      expect(problems).toEqual([]);
      const charts = await page.locator('section.column svg.chart').count();
      const tested = report.columns.filter((c) => c.distribution).length;
      expect(charts).toBe(tested);
      expect(await page.locator('section.column svg.chart rect').count()).toBeGreaterThan(tested * 4);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.textContent('body')).toContain('current <script>x</script>');
      // Nothing wider than the phone's screen but the scrolling tables.
      // Evaluated in the page, where `document` and `window` exist (this file's types know no DOM).
      const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
