import { describe, expect, it } from 'vitest';
import {
  isWithinArtifactRoot,
  normalizeArtifactPath,
  parseArtifactUri,
} from '../../src/core/artifacts/index.js';
import { AmlopsError } from '../../src/core/errors/index.js';
import { TRAVERSAL_LOCATIONS, TRAVERSAL_PATHS } from '../contracts/path-traversal-corpus.js';

const code = (run: () => unknown) => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return error instanceof AmlopsError ? error.code : 'other';
  }
};

// The path-traversal corpus against the pure checks; the same corpus runs against every
// ArtifactStore (artifact-store.contract.ts) and every ModelRegistry (model-registry.contract.ts).
describe('normalizeArtifactPath', () => {
  it('normalizes ordinary relative paths', () => {
    expect(normalizeArtifactPath('./model//MLmodel')).toBe('model/MLmodel');
    expect(normalizeArtifactPath('model/')).toBe('model');
    expect(normalizeArtifactPath('')).toBe('');
    expect(normalizeArtifactPath(undefined)).toBe('');
    expect(normalizeArtifactPath('a..b/c')).toBe('a..b/c');
  });

  it.each(TRAVERSAL_PATHS.map((p) => [p]))('refuses %j with ARTIFACT_PATH_INVALID', (path) => {
    expect(code(() => normalizeArtifactPath(path))).toBe('ARTIFACT_PATH_INVALID');
  });
});

describe('parseArtifactUri', () => {
  it('splits the supported schemes', () => {
    expect(parseArtifactUri('s3://bucket/prefix/1/')).toEqual({
      scheme: 's3',
      authority: 'bucket',
      path: 'prefix/1',
    });
    expect(parseArtifactUri('file:///srv/a')).toEqual({ scheme: 'file', authority: '', path: '/srv/a' });
    expect(parseArtifactUri('file:/srv/a')).toEqual({ scheme: 'file', authority: '', path: '/srv/a' });
    expect(parseArtifactUri('/srv/a')).toEqual({ scheme: '', authority: '', path: '/srv/a' });
    expect(parseArtifactUri('.amlops/artifacts')).toEqual({
      scheme: '',
      authority: '',
      path: '.amlops/artifacts',
    });
  });

  it.each(TRAVERSAL_LOCATIONS.map((l) => [l]))('refuses %j with ARTIFACT_PATH_INVALID', (location) => {
    expect(code(() => parseArtifactUri(location))).toBe('ARTIFACT_PATH_INVALID');
  });
});

describe('isWithinArtifactRoot', () => {
  it('compares by scheme, bucket and whole path segments', () => {
    expect(isWithinArtifactRoot('file:///srv/artifacts/1/abc', '/srv/artifacts')).toBe(true);
    expect(isWithinArtifactRoot('/srv/artifacts', 'file:///srv/artifacts/')).toBe(true);
    expect(isWithinArtifactRoot('file:///srv/artifacts-evil/x', '/srv/artifacts')).toBe(false);
    expect(isWithinArtifactRoot('file:///etc/passwd', '/srv/artifacts')).toBe(false);
    expect(isWithinArtifactRoot('s3://bkt/p/1', 's3://bkt/p')).toBe(true);
    expect(isWithinArtifactRoot('s3://other/p/1', 's3://bkt/p')).toBe(false);
    expect(isWithinArtifactRoot('s3://bkt/p/1', '/srv/artifacts')).toBe(false);
    expect(code(() => isWithinArtifactRoot('file:///srv/artifacts/../../etc', '/srv/artifacts'))).toBe(
      'ARTIFACT_PATH_INVALID',
    );
  });
});
