import { inject } from 'vitest';

/**
 * The test S3 server's endpoint and credentials, as the S3 clients read them from the environment
 * (the global setup starts it for the test files under test/stores and test/contracts).
 *
 * @example
 * const client = s3ClientFromEnv(s3Env());
 */
export function s3Env(): Record<string, string> {
  const s3 = inject('s3');
  if (!s3.endpoint)
    throw new Error('no S3 server: test/setup/global-setup.ts did not start one for this run');
  return {
    S3_ENDPOINT: s3.endpoint,
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
  };
}
