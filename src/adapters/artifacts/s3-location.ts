import { urlHost } from '../../core/secrets/index.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The endpoint the S3 client uses: `S3_ENDPOINT`, else the AWS SDK's endpoint variables, else AWS. */
export function s3EndpointOf(env: Env): string | undefined {
  return env.S3_ENDPOINT || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
}

/**
 * Where S3 requests go, for messages: `S3 at minio.internal:9000` (the endpoint's host and port,
 * never its `user:password@`), or `AWS S3`.
 *
 * @example
 * s3Location({ S3_ENDPOINT: 'http://k:secret@127.0.0.1:9000' }); // 'S3 at 127.0.0.1:9000'
 */
export function s3Location(env: Env): string {
  const endpoint = s3EndpointOf(env);
  const host = endpoint ? urlHost(endpoint) : undefined;
  return host ? `S3 at ${host}` : endpoint ? 'S3 at the configured endpoint' : 'AWS S3';
}
