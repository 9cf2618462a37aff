import { gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, inject, it } from 'vitest';
import { s3ClientFromEnv } from '../../src/adapters/artifacts/index.js';
import { readTable } from '../../src/adapters/data/read-table.js';
import { s3Env } from '../support/s3-env.js';

const CSV =
  'total_income_dollar_amount,total_outcome_dollar_amount,risk_pld,conclusion\n10.5,3,HIGH,CLOSED_NO_ROI\n,7,LOW,REPORTED_TO_AUTHORITY\n';

describe('data files on S3 (s3rver on loopback)', () => {
  it('reads CSV and gzipped CSV from s3:// locations', async () => {
    const env = s3Env();
    const bucket = inject('s3').bucket;
    const client = s3ClientFromEnv(env);
    try {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'data/cases.csv', Body: CSV }));
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'data/cases.csv.gz', Body: gzipSync(CSV) }),
      );
    } finally {
      client.destroy();
    }
    for (const key of ['data/cases.csv', 'data/cases.csv.gz']) {
      const table = await readTable(`s3://${bucket}/${key}`, env);
      expect(table.rowCount).toBe(2);
      const income = table.columns.find((c) => c.name === 'total_income_dollar_amount')!;
      expect(income.text(0)).toBe('10.5');
      expect(income.text(1)).toBe('');
    }
  });

  it('names a missing object and an unreachable server', async () => {
    const env = s3Env();
    const bucket = inject('s3').bucket;
    await expect(readTable(`s3://${bucket}/data/absent.csv`, env)).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: expect.stringContaining(`s3://${bucket}/data/absent.csv does not exist`),
    });
    await expect(readTable('s3://no-such-bucket-here/cases.csv', env)).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    await expect(
      readTable(`s3://${bucket}/data/cases.csv`, { ...env, S3_ENDPOINT: 'http://127.0.0.1:9' }),
    ).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: expect.stringContaining('check S3_ENDPOINT'),
    });
    await expect(readTable('s3://bucket-only.csv', env)).rejects.toMatchObject({ code: 'USAGE' });
  });
});
