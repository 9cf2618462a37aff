import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { datasetSchemaFromConfig } from '../../src/services/dataset-schema-from-config.js';

describe('datasetSchemaFromConfig', () => {
  it("maps the default settings to the original's data contract, carrying every other column", () => {
    expect(datasetSchemaFromConfig(resolveConfig({ env: {} }).config)).toEqual({
      numeric: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
      categorical: ['risk_pld'],
      target: 'conclusion',
      negativeValue: 'CLOSED_NO_ROI',
      positiveValues: ['CLOSED_WITH_ROI', 'REPORTED_TO_AUTHORITY'],
      carried: 'all',
    });
  });

  it('refuses a column given two roles with CONFIG_INVALID', () => {
    const config = resolveConfig({
      env: {},
      flags: { 'data.categoricalColumns': ['risk_pld', 'conclusion'] },
    }).config;
    expect(() => datasetSchemaFromConfig(config)).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringMatching(/'conclusion'.*data.categoricalColumns and data.targetColumn/),
      }),
    );
  });
});
