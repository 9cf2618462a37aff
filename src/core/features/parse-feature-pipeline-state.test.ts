import { describe, expect, it } from 'vitest';
import { Frame } from '../frame/frame.js';
import { fitFeaturePipeline } from './fit-feature-pipeline.js';
import { parseFeaturePipelineState } from './parse-feature-pipeline-state.js';

const frame = new Frame([
  { kind: 'numeric', name: 'amount', values: Float64Array.of(1, 2) },
  { kind: 'text', name: 'risk_pld', values: ['LOW', 'HIGH'] },
]);
const state = fitFeaturePipeline(frame, {
  numericColumns: ['amount'],
  categoricalColumns: ['risk_pld'],
  missing: { strategy: 'fill', value: 0 },
  domain: { incomeColumn: 'amount', outcomeColumn: 'amount', features: ['net_flow'] },
});
const json = () => JSON.parse(JSON.stringify(state));

describe('parseFeaturePipelineState', () => {
  it('reads back what was stored', () => {
    expect(parseFeaturePipelineState(json())).toEqual(state);
  });

  // biome-ignore lint/suspicious/noExplicitAny: the cases corrupt arbitrary JSON
  const broken: [string, (s: Record<string, any>) => unknown, RegExp][] = [
    ['not an object', () => 'features', /features must be an object/],
    ['another version', (s) => ({ ...s, version: 2 }), /features.version is 2/],
    ['an unknown key', (s) => ({ ...s, extra: 1 }), /features.extra is not a known key/],
    ['a missing key', ({ numeric: _, ...s }) => s, /features.numeric is missing/],
    ['a bad missing policy', (s) => ({ ...s, missing: { strategy: 'mean' } }), /features.missing must be/],
    ['a non-finite fill', (s) => ({ ...s, missing: { strategy: 'fill', value: null } }), /missing.value/],
    [
      'unsorted categories',
      (s) => ({ ...s, categorical: [{ ...s.categorical[0], categories: ['LOW', 'HIGH'] }] }),
      /sorted/,
    ],
    [
      'an impute value not a category',
      (s) => ({ ...s, categorical: [{ ...s.categorical[0], impute: 'MEDIUM' }] }),
      /impute/,
    ],
    [
      'an unknown derived feature',
      (s) => ({ ...s, domain: { ...s.domain, features: ['magic'] } }),
      /unknown derived/,
    ],
    [
      'feature names out of line',
      (s) => ({ ...s, featureNames: [...s.featureNames].reverse() }),
      /featureNames do not match/,
    ],
    ['a numeric column twice', (s) => ({ ...s, numeric: ['amount', 'amount'] }), /twice/],
  ];
  for (const [what, corrupt, message] of broken) {
    it(`refuses ${what} with MODEL_FILE_INVALID`, () => {
      expect(() => parseFeaturePipelineState(corrupt(json()))).toThrow(
        expect.objectContaining({ code: 'MODEL_FILE_INVALID', message: expect.stringMatching(message) }),
      );
    });
  }
});
