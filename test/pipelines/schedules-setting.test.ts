import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { parseSchedules } from '../../src/core/schedule/index.js';

describe('the pipelines.schedules setting', () => {
  it('defaults to no schedule and keeps the JSON it was given', () => {
    expect(resolveConfig().config['pipelines.schedules']).toEqual([]);
    const value = [
      { flow: 'train', cron: '0 3 * * *', timezone: 'Europe/Madrid', params: { preset: 'original' } },
    ];
    const fromFile = resolveConfig({
      file: { pipelines: { schedules: value } },
      filePath: 'amlops.config.json',
    });
    expect(fromFile.config['pipelines.schedules']).toEqual(value);
    const fromEnv = resolveConfig({
      env: { AMLOPS_PIPELINES_SCHEDULES: '[{"flow": "train", "intervalSeconds": 3600}]' },
    });
    expect(parseSchedules(fromEnv.config['pipelines.schedules'])[0]!.label).toBe('train@every 3600s');
  });

  it.each([
    ['[{"flow": "train", "cron": "0 3 * *"}]', "invalid cron expression '0 3 * *': expected 5 fields"],
    [
      '[{"flow": "train", "cron": "0 3 * * *", "timezone": "Mars/Olympus"}]',
      "unknown time zone 'Mars/Olympus'",
    ],
    ['{"flow": "train"', 'Expected'],
  ])('fails fast on %s, naming the setting', (text, reason) => {
    let error: unknown;
    try {
      resolveConfig({ env: { AMLOPS_PIPELINES_SCHEDULES: text } });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as Error).message).toContain(
      'invalid value for setting pipelines.schedules (environment variable AMLOPS_PIPELINES_SCHEDULES)',
    );
    expect((error as Error).message).toContain(reason);
  });
});
