import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { isAmlopsError } from '../../src/core/errors/index.js';
import { trainParams } from '../../src/pipelines/train/train-flow-definition.js';

const { config } = resolveConfig({ env: {} });

/** The USAGE message trainParams refuses `json` with. */
function refusal(json: Record<string, unknown>): string {
  try {
    trainParams(json, config);
  } catch (error) {
    if (isAmlopsError(error) && error.code === 'USAGE') return error.message;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(json)}`);
}

describe('the train parameters: data files', () => {
  it('takes one file or a list of them, and none only with concluded cases', () => {
    expect(trainParams({ data: 'a.csv' }, config).data).toEqual(['a.csv']);
    expect(trainParams({ data: ['a.csv', 's3://b/c.parquet'] }, config).data).toEqual([
      'a.csv',
      's3://b/c.parquet',
    ]);
    expect(trainParams({ fromCases: true }, config).data).toBeUndefined();
    expect(trainParams({ data: ['a.csv'], fromCases: true }, config)).toMatchObject({
      data: ['a.csv'],
      fromCases: {},
    });
  });

  it('refuses no data, an empty list and a list holding something else than file names, naming it', () => {
    expect(refusal({})).toContain("'data' (the data file, or a list of them) is required");
    expect(refusal({ data: [] })).toContain("'data' (the data file, or a list of them) is required");
    expect(refusal({ data: '' })).toContain("'data' must name files");
    expect(refusal({ data: ['a.csv', 3] })).toContain(`got 3 in ["a.csv",3]`);
    expect(refusal({ data: { file: 'a.csv' } })).toContain(
      "'data' (the data file, or a list of them) is required",
    );
  });
});
