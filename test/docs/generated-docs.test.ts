import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigurationDoc, SETTINGS } from '../../src/config/index.js';
import { ERROR_CODES, renderErrorsDoc } from '../../src/core/errors/index.js';
import { renderRolesDoc } from '../../src/http/auth/render-roles-doc.js';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('generated documentation', () => {
  it('docs/configuration.md is the one generated from the settings (run `npm run docs` when this fails)', () => {
    expect(read('docs/configuration.md')).toBe(renderConfigurationDoc());
  });

  it('docs/errors.md is the one generated from the error registry (run `npm run docs` when this fails)', () => {
    expect(read('docs/errors.md')).toBe(renderErrorsDoc());
  });

  it('docs/roles.md is the one generated from the role table (run `npm run docs` when this fails)', () => {
    expect(read('docs/roles.md')).toBe(renderRolesDoc());
  });

  it('documents every setting and every error code', () => {
    const config = read('docs/configuration.md');
    for (const [key, spec] of Object.entries(SETTINGS)) {
      expect(config).toContain(`\`${key}\``);
      expect(config).toContain(`\`${spec.env}\``);
      expect(spec.description.length).toBeGreaterThan(10);
    }
    const errors = read('docs/errors.md');
    for (const [code, spec] of Object.entries(ERROR_CODES)) {
      expect(errors).toContain(`\`${code}\``);
      expect(spec.description.length).toBeGreaterThan(10);
      expect(spec.status).toBeGreaterThanOrEqual(400);
    }
  });
});
