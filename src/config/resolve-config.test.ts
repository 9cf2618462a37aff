import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/support/error-of.js';
import { loadConfig } from './load-config.js';
import { configToNestedJson } from './redact-config.js';
import { resolveConfig } from './resolve-config.js';

describe('configuration', () => {
  it("defaults reproduce the original system's settings", () => {
    const { config } = resolveConfig();
    expect(config['data.numericColumns']).toEqual([
      'total_outcome_dollar_amount',
      'total_income_dollar_amount',
    ]);
    expect(config['data.categoricalColumns']).toEqual(['risk_pld']);
    expect(config['data.targetColumn']).toBe('conclusion');
    expect(config['data.negativeValue']).toBe('CLOSED_NO_ROI');
    expect(config['split.testSize']).toBe(0.3);
    expect(config['model.name']).toBe('consumers-laundering-model');
    expect(config['alerts.minTestRocAuc']).toBe(0.89);
    expect(config.home).toBe('./.amlops');
  });

  it('layers file < environment < flags and records each source', () => {
    const resolved = resolveConfig({
      file: { split: { testSize: 0.2, seed: 1 }, 'model.name': 'm-file' },
      env: { AMLOPS_SPLIT_TEST_SIZE: '0.25', AMLOPS_MODEL_NAME: 'm-env' },
      flags: { 'model.name': 'm-flag' },
    });
    expect(resolved.config['split.seed']).toBe(1);
    expect(resolved.sources['split.seed']).toBe('file');
    expect(resolved.config['split.testSize']).toBe(0.25);
    expect(resolved.sources['split.testSize']).toBe('env');
    expect(resolved.config['model.name']).toBe('m-flag');
    expect(resolved.sources['model.name']).toBe('flag');
  });

  it('parses lists from the environment', () => {
    const { config } = resolveConfig({ env: { AMLOPS_DATA_CATEGORICAL_COLUMNS: 'risk_pld, segment' } });
    expect(config['data.categoricalColumns']).toEqual(['risk_pld', 'segment']);
  });

  it('refuses an invalid value naming the setting, the value and what is allowed', () => {
    const error = errorOf(() => resolveConfig({ env: { AMLOPS_SPLIT_TEST_SIZE: '1.5' } }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('split.testSize');
    expect(error.message).toContain('AMLOPS_SPLIT_TEST_SIZE');
    expect(error.message).toContain('"1.5"');
    expect(error.message).toContain('> 0 and < 1');
    expect(errorOf(() => resolveConfig({ file: { training: { preset: 'fast' } } })).message).toContain(
      "one of 'default', 'original'",
    );
    expect(errorOf(() => resolveConfig({ env: { AMLOPS_PORT: '80.5' } })).message).toContain('an integer');
    expect(errorOf(() => resolveConfig({ file: { split: { testSize: '0.2' } } })).code).toBe(
      'CONFIG_INVALID',
    );
  });

  it('refuses an unknown setting in a file, suggesting the near one', () => {
    const error = errorOf(() => resolveConfig({ file: { testSize: 0.2 }, filePath: 'amlops.config.json' }));
    expect(error.code).toBe('CONFIG_UNKNOWN_SETTING');
    expect(error.message).toContain('split.testSize');
  });

  it('refuses a setting an earlier version had, saying why it went', () => {
    const error = errorOf(() =>
      resolveConfig({ file: { audit: { flushMs: 0 } }, filePath: 'amlops.config.json' }),
    );
    expect(error.code).toBe('CONFIG_UNKNOWN_SETTING');
    expect(error.message).toMatch(
      /^setting "audit\.flushMs" in amlops\.config\.json was removed: every answered case/,
    );
    expect(error.message).toContain('audit.fsyncMs');
  });

  it('reads amlops.config.json from the working directory, and a broken file names itself', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amlops-config-'));
    writeFileSync(join(dir, 'amlops.config.json'), JSON.stringify({ promotion: { policy: 'always' } }));
    expect(loadConfig({ cwd: dir, env: {} }).config['promotion.policy']).toBe('always');
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    const error = errorOf(() => loadConfig({ cwd: dir, env: {}, configPath: 'broken.json' }));
    expect(error.code).toBe('CONFIG_FILE_UNREADABLE');
    expect(error.message).toContain('broken.json');
    expect(errorOf(() => loadConfig({ cwd: dir, env: {}, configPath: 'absent.json' })).code).toBe(
      'CONFIG_FILE_UNREADABLE',
    );
    rmSync(dir, { recursive: true });
  });

  it('redacts the password of the database URL when printed', () => {
    const { config } = resolveConfig({ env: { DATABASE_URL: 'postgres://amlops:s3cret@db:5432/amlops' } });
    const printed = JSON.stringify(configToNestedJson(config));
    expect(printed).not.toContain('s3cret');
    expect(printed).toContain('postgres://amlops:***@db:5432/amlops');
  });
});
