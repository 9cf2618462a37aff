import { describe, expect, it } from 'vitest';
import { redactValue } from './redact-config.js';

describe('redactValue', () => {
  it('keeps where a database is but not its password or secret parameters', () => {
    expect(
      redactValue('store.databaseUrl', 'postgres://u:pw@db:5432/amlops?sslpassword=x&sslmode=require'),
    ).toBe('postgres://u:***@db:5432/amlops?sslpassword=***&sslmode=require');
  });

  it("shows only a webhook's scheme and host: its path and query often are the token", () => {
    expect(redactValue('alerts.webhookUrl', 'https://hooks.example/services/T0/B0/XyZ?api_key=k')).toBe(
      'https://hooks.example/***',
    );
    expect(redactValue('alerts.webhookUrl', 'https://u:p@hooks.example')).toBe('https://hooks.example');
  });

  it('hides a secret that is not a URL whole, and keeps an empty one empty', () => {
    expect(redactValue('store.databaseUrl', 'host=db password=pw')).toBe('***');
    expect(redactValue('store.databaseUrl', '')).toBe('');
  });

  it('removes the credentials of a URL in any other setting (an S3 endpoint with user:pass@)', () => {
    expect(redactValue('artifacts.s3Endpoint', 'http://minio:secret@127.0.0.1:9000')).toBe(
      'http://minio:***@127.0.0.1:9000',
    );
    expect(redactValue('artifacts.uri', 's3://bucket/prefix')).toBe('s3://bucket/prefix');
    expect(redactValue('split.testSize', 0.3)).toBe(0.3);
  });
});
