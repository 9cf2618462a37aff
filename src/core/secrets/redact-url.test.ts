import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.js';
import { redactUrlsInText } from './redact-urls-in-text.js';

describe('redactUrl', () => {
  it('hides the password of user:password@ and keeps the user, host, port and database', () => {
    expect(redactUrl('postgres://amlops:S3cret@db.internal:5432/amlops')).toBe(
      'postgres://amlops:***@db.internal:5432/amlops',
    );
    expect(redactUrl('http://minio:minio-secret@127.0.0.1:9000')).toBe('http://minio:***@127.0.0.1:9000');
  });

  it('keeps a user without a password and a URL without credentials exactly as written', () => {
    expect(redactUrl('postgres://amlops@db/amlops')).toBe('postgres://amlops@db/amlops');
    expect(redactUrl('https://hooks.example')).toBe('https://hooks.example');
    expect(redactUrl('s3://bucket/prefix')).toBe('s3://bucket/prefix');
  });

  it('hides a password holding @ or : (the userinfo runs to the last @)', () => {
    expect(redactUrl('postgres://u:p@ss:w@rd@h/db')).toBe('postgres://u:***@h/db');
  });

  it('hides query parameters that carry secrets and keeps the others', () => {
    expect(
      redactUrl('postgres://u@h/db?sslmode=require&sslpassword=x1&password=x2&sslcert=/run/cert.pem'),
    ).toBe('postgres://u@h/db?sslmode=require&sslpassword=***&password=***&sslcert=/run/cert.pem');
    expect(
      redactUrl(
        'https://b.s3.example/k?X-Amz-Algorithm=AWS4&X-Amz-Credential=AKIA%2F1&X-Amz-Signature=abc&X-Amz-Security-Token=t',
      ),
    ).toBe(
      'https://b.s3.example/k?X-Amz-Algorithm=AWS4&X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Security-Token=***',
    );
    expect(redactUrl('https://h/hook?api_key=k&apiKey=k&access_token=t&client_secret=s&sig=x&team=aml')).toBe(
      'https://h/hook?api_key=***&apiKey=***&access_token=***&client_secret=***&sig=***&team=aml',
    );
  });

  it('hides secret parameters of the fragment too (#access_token=…)', () => {
    expect(redactUrl('https://h/cb#access_token=t&state=1')).toBe('https://h/cb#access_token=***&state=1');
  });

  it('leaves what is not a scheme:// URL unchanged', () => {
    expect(redactUrl('sqlite:/srv/amlops.db')).toBe('sqlite:/srv/amlops.db');
    expect(redactUrl('./.amlops')).toBe('./.amlops');
  });
});

describe('redactUrlsInText', () => {
  it('redacts every URL of a message and nothing else', () => {
    expect(
      redactUrlsInText(
        'cannot open postgres://u:pw@db/amlops?sslpassword=x (also "http://a:b@s3:9000"): timeout',
      ),
    ).toBe('cannot open postgres://u:***@db/amlops?sslpassword=*** (also "http://a:***@s3:9000"): timeout');
    expect(redactUrlsInText('no url here: user:pass')).toBe('no url here: user:pass');
  });
});
