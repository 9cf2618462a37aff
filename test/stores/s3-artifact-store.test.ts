import { describe, expect, inject, it } from 'vitest';
import { openArtifactStore, S3ArtifactStore, s3ClientFromEnv } from '../../src/adapters/artifacts/index.js';
import { runArtifactStoreContract } from '../contracts/artifact-store.contract.js';
import { codeOf } from '../contracts/expect-code.js';
import { s3Env } from '../support/s3-env.js';

let run = 0;

runArtifactStoreContract('S3 (s3rver)', async () => {
  const client = s3ClientFromEnv(s3Env());
  const store = new S3ArtifactStore(`s3://${inject('s3').bucket}/contract-${Date.now()}-${++run}`, client);
  return { store, close: async () => client.destroy() };
});

describe('S3ArtifactStore specifics', () => {
  it('is chosen by the s3:// scheme and keeps keys under its prefix', async () => {
    const client = s3ClientFromEnv(s3Env());
    try {
      const bucket = inject('s3').bucket;
      const store = openArtifactStore(`s3://${bucket}/scheme-test/`, { s3Client: client });
      expect(store.rootUri).toBe(`s3://${bucket}/scheme-test`);
      await store.put('1/run/artifacts/model.json', '{}');
      const whole = new S3ArtifactStore(`s3://${bucket}`, client);
      expect((await whole.listFiles('scheme-test')).map((f) => f.path)).toEqual([
        'scheme-test/1/run/artifacts/model.json',
      ]);
    } finally {
      client.destroy();
    }
  });

  it('reports an unreachable endpoint as STORE_UNAVAILABLE', async () => {
    const client = s3ClientFromEnv({ ...s3Env(), S3_ENDPOINT: 'http://127.0.0.1:9' });
    try {
      const store = new S3ArtifactStore('s3://amlops-test/x', client);
      expect(await codeOf(store.put('a.txt', 'a'))).toBe('STORE_UNAVAILABLE');
    } finally {
      client.destroy();
    }
  });

  it('names the bucket, the prefix and the endpoint in its errors, its children’s too', async () => {
    const client = s3ClientFromEnv({ ...s3Env(), S3_ENDPOINT: 'http://127.0.0.1:9' });
    try {
      const store = new S3ArtifactStore('s3://amlops-test/x', client, 'S3 at 127.0.0.1:9');
      await expect(store.child('1/run/artifacts').put('model/model.json', '{}')).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
        message: expect.stringMatching(
          /^put of 'model\/model\.json' in s3:\/\/amlops-test\/x\/1\/run\/artifacts on S3 at 127\.0\.0\.1:9 failed: /,
        ),
      });
    } finally {
      client.destroy();
    }
  });
});
