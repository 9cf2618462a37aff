import type { S3Client } from '@aws-sdk/client-s3';
import { awsS3Sdk } from './aws-s3-sdk.js';

/**
 * An S3 client configured as amlops documents: `S3_ENDPOINT` (any S3-compatible server, addressed
 * path-style), region from `AWS_REGION` / `AWS_DEFAULT_REGION` (default us-east-1), credentials from
 * `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (`AWS_SESSION_TOKEN`) or the SDK's usual chain.
 * Checksums are sent only when required, which S3-compatible servers accept.
 *
 * @example
 * const client = s3ClientFromEnv({ S3_ENDPOINT: 'http://127.0.0.1:9000', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's' });
 */
export function s3ClientFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): S3Client {
  const endpoint = env.S3_ENDPOINT || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: env.AWS_ACCESS_KEY_ID,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
          ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        }
      : undefined;
  const { S3Client: Client } = awsS3Sdk();
  return new Client({
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    ...(credentials ? { credentials } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
