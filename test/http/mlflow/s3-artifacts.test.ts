import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  openArtifactStore,
  S3ArtifactStore,
  s3ClientFromEnv,
} from '../../../src/adapters/artifacts/index.js';
import { type S3Server, startS3Server } from '../../setup/s3-server.js';
import { type MlflowTestApp, makeMlflowTestApp, putServableModel } from './mlflow-test-app.js';

let t: MlflowTestApp;
let client: S3Client;
let ownServer: S3Server | undefined;
let runId: string;
let artifactUri: string;

beforeAll(async () => {
  // The global setup starts s3rver only for the store tests; otherwise start one here.
  let s3 = inject('s3');
  if (!s3.endpoint) {
    ownServer = await startS3Server();
    s3 = ownServer;
  }
  client = s3ClientFromEnv({
    S3_ENDPOINT: s3.endpoint,
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
  });
  const root = `s3://${s3.bucket}/mlflow-http-${Date.now()}`;
  t = await makeMlflowTestApp({
    root: () => new S3ArtifactStore(root, client),
    open: (uri) => openArtifactStore(uri, { s3Client: client }),
  });
  const experimentId = (await t.post('experiments/create', { name: 's3' })).json().experiment_id;
  const info = (await t.post('runs/create', { experiment_id: experimentId })).json().run.info;
  runId = info.run_id;
  artifactUri = info.artifact_uri;
  const files = t.artifacts.child(`${experimentId}/${runId}/artifacts`);
  await files.put('model/model.json', '{"learner": {}}');
  await files.put('notes.txt', 'hello');
  await putServableModel(files.child('model'));
});
afterAll(async () => {
  await t?.close();
  client?.destroy();
  await ownServer?.stop();
});

describe('the MLflow API over an S3 artifact root', () => {
  it('gives runs s3:// artifact URIs under the root and lists them', async () => {
    expect(artifactUri).toMatch(/^s3:\/\/amlops-test\/mlflow-http-\d+\/\d+\/[0-9a-f]{32}\/artifacts$/);
    const res = await t.get('artifacts/list', { run_id: runId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      root_uri: artifactUri,
      files: [
        { path: 'model', is_dir: true },
        { path: 'notes.txt', is_dir: false, file_size: 5 },
      ],
    });
  });

  it('downloads run and model version files, and refuses traversal', async () => {
    const file = await t.inject({ method: 'GET', url: `/get-artifact?run_uuid=${runId}&path=notes.txt` });
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('hello');
    await t.post('registered-models/create', { name: 's3-model' });
    const version = await t.post('model-versions/create', {
      name: 's3-model',
      source: `runs:/${runId}/model`,
      run_id: runId,
    });
    expect(version.statusCode, version.body).toBe(200);
    expect(version.json().model_version.source).toBe(`${artifactUri}/model`);
    const model = await t.inject({
      method: 'GET',
      url: '/model-versions/get-artifact?name=s3-model&version=1&path=model.json',
    });
    expect(model.body).toBe('{"learner": {}}');
    const outside = await t.post('model-versions/create', {
      name: 's3-model',
      source: 's3://other-bucket/model',
    });
    expect(outside.statusCode).toBe(400);
    const traversal = await t.inject({
      method: 'GET',
      url: `/get-artifact?run_uuid=${runId}&path=..%2F..%2Fnotes.txt`,
    });
    expect(traversal.statusCode).toBe(400);
  });
});
