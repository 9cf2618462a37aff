import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LocalArtifactStore,
  openArtifactStore,
  resolveArtifactsUri,
} from '../../src/adapters/artifacts/index.js';
import { runArtifactStoreContract } from '../contracts/artifact-store.contract.js';

runArtifactStoreContract('local directory', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-local-'));
  return { store: new LocalArtifactStore(dir), close: () => rm(dir, { recursive: true, force: true }) };
});

describe('LocalArtifactStore specifics', () => {
  it('leaves no temporary file behind and nothing beside the root after traversal attempts', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'amlops-local-'));
    try {
      const store = openArtifactStore(`file://${join(parent, 'root')}`);
      await store.put('a/b.txt', 'x');
      await store.put('../escaped.txt', 'x').catch(() => undefined);
      await store.put('%2e%2e/escaped.txt', 'x').catch(() => undefined);
      expect(await readdir(parent)).toEqual(['root']);
      expect(await readdir(join(parent, 'root', 'a'))).toEqual(['b.txt']);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('accepts plain paths and file: URIs for the same root', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'amlops-local-'));
    try {
      await writeFile(join(dir, 'f.txt'), 'hello');
      const byPath = openArtifactStore(dir);
      const byUri = openArtifactStore(byPath.rootUri);
      expect(byUri.rootUri).toBe(byPath.rootUri);
      expect(new TextDecoder().decode(await byUri.get('f.txt'))).toBe('hello');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('defaults the artifact root to $AMLOPS_HOME/artifacts as an absolute file: URI', () => {
    expect(resolveArtifactsUri({ AMLOPS_HOME: '/srv/amlops' })).toBe('file:///srv/amlops/artifacts');
    expect(resolveArtifactsUri({ ARTIFACTS_URI: 's3://b/p', AMLOPS_HOME: '/x' })).toBe('s3://b/p');
    expect(resolveArtifactsUri({}).endsWith('/.amlops/artifacts')).toBe(true);
  });
});
