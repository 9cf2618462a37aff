import { describe, expect, it } from 'vitest';
import { AmlopsError } from '../errors/index.js';
import { parseModelStage } from './model-stage.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import { validateAlias, validateEntityName, validateKey } from './tracking-validation.js';

const code = (run: () => unknown) => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return error instanceof AmlopsError ? error.code : 'other';
  }
};

describe('tracking validation', () => {
  it('accepts MLflow keys and refuses the rest', () => {
    for (const key of ['roc_auc', 'val/loss', 'a.b-c d', 'mlflow.runName'])
      expect(code(() => validateKey('metric', key))).toBe('ok');
    for (const key of ['', '../x', '/abs', 'a/../b', "a'b", 'a;b', 'x'.repeat(251)])
      expect(
        code(() => validateKey('param', key)),
        key,
      ).toBe('USAGE');
  });

  it('refuses reserved and malformed aliases', () => {
    expect(code(() => validateAlias('production'))).toBe('ok');
    for (const alias of ['latest', 'LATEST', 'v3', 'V12', 'with space', 'a.b', ''])
      expect(
        code(() => validateAlias(alias)),
        alias,
      ).toBe('USAGE');
  });

  it('refuses empty names and control characters', () => {
    expect(code(() => validateEntityName('experiment', 'consumers-laundering-model'))).toBe('ok');
    expect(code(() => validateEntityName('experiment', '  '))).toBe('USAGE');
    expect(code(() => validateEntityName('experiment', 'a\nb'))).toBe('USAGE');
  });

  it('canonicalizes stages and round-trips page tokens', () => {
    expect(parseModelStage('production')).toBe('Production');
    expect(code(() => parseModelStage('live'))).toBe('USAGE');
    expect(decodePageToken(encodePageToken(250))).toBe(250);
    expect(decodePageToken(undefined)).toBe(0);
    for (const token of ['garbage', btoa('{"offset":-1}'), btoa('[]')])
      expect(code(() => decodePageToken(token))).toBe('USAGE');
  });
});
