import { readFileSync } from 'node:fs';
import type { S3Client } from '@aws-sdk/client-s3';
import { resolveSecretFiles } from '../../core/secrets/index.js';
import { awsS3Sdk } from './aws-s3-sdk.js';
import { s3EndpointOf } from './s3-location.js';

/** The credentials that may also be given as `<VAR>_FILE`, as container secrets are mounted. */
const SECRET_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

/**
 * An S3 client configured as amlops documents: `S3_ENDPOINT` (any S3-compatible server, addressed
 * path-style), region from `AWS_REGION` / `AWS_DEFAULT_REGION` (default us-east-1), credentials from
 * `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (`AWS_SESSION_TOKEN`), each also readable from the
 * file `<VAR>_FILE` names, or the SDK's usual chain.
 * Checksums are sent only when required, which S3-compatible servers accept.
 *
 * @example
 * const client = s3ClientFromEnv({ S3_ENDPOINT: 'http://127.0.0.1:9000', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's' });
 */
export function s3ClientFromEnv(given: Readonly<Record<string, string | undefined>> = process.env): S3Client {
  const env = resolveSecretFiles(given, SECRET_VARIABLES, (path) => readFileSync(path, 'utf8'));
  const endpoint = s3EndpointOf(env);
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
