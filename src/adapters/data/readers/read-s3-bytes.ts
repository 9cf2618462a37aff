import { AmlopsError, errorReason } from '../../../core/errors/index.js';
import { awsS3Sdk } from '../../artifacts/aws-s3-sdk.js';
import { s3Location } from '../../artifacts/s3-location.js';
import { gunzipIfNamed } from './gunzip-if-named.js';

/** `s3://bucket/key` → its parts; USAGE for a location without a bucket or key. */
function parseS3Location(url: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/i.exec(url);
  if (!match) throw new AmlopsError('USAGE', `${url} is not an S3 object location: expected s3://bucket/key`);
  return { bucket: match[1]!, key: match[2]! };
}

/**
 * Reads an S3 object whole (any S3-compatible server: `S3_ENDPOINT`, credentials from the standard
 * AWS variables), gunzipping it when its key ends in `.gz`. A missing bucket or object is
 * FILE_NOT_FOUND; a server that cannot be reached or refuses the credentials is STORE_UNAVAILABLE,
 * with the server's reason. The AWS SDK is loaded only when an `s3://` location is read.
 *
 * @example
 * const bytes = await readS3Bytes('s3://amlops-data/cases/2026-11.csv');
 */
export async function readS3Bytes(
  url: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<Buffer> {
  const { bucket, key } = parseS3Location(url);
  const { GetObjectCommand } = awsS3Sdk();
  const { s3ClientFromEnv } = await import('../../artifacts/s3-client-from-env.js');
  const client = s3ClientFromEnv(env);
  try {
    const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!answer.Body) throw new AmlopsError('FILE_NOT_FOUND', `${url} has no content`, { file: url });
    return gunzipIfNamed(Buffer.from(await answer.Body.transformToByteArray()), key);
  } catch (error) {
    if (error instanceof AmlopsError) throw error;
    const name = (error as { name?: string }).name ?? '';
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (name === 'NoSuchKey' || name === 'NoSuchBucket' || name === 'NotFound' || status === 404)
      throw new AmlopsError(
        'FILE_NOT_FOUND',
        `${url} does not exist (${name || 'not found'})`,
        { file: url },
        { cause: error },
      );
    throw new AmlopsError(
      'STORE_UNAVAILABLE',
      `cannot read ${url} from ${s3Location(env)}: ${errorReason(error)} (check S3_ENDPOINT and the AWS credentials)`,
      { file: url },
      { cause: error },
    );
  } finally {
    client.destroy();
  }
}
