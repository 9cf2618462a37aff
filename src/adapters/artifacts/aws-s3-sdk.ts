import { createRequire } from 'node:module';

type AwsS3Sdk = typeof import('@aws-sdk/client-s3');
let loaded: AwsS3Sdk | undefined;

/**
 * The AWS SDK's S3 module, loaded on first use: it costs about 0.2 s of start-up that every
 * command without an `s3://` location would otherwise pay.
 *
 * @example
 * const client = new (awsS3Sdk().S3Client)({ region: 'us-east-1' });
 */
export function awsS3Sdk(): AwsS3Sdk {
  loaded ??= createRequire(import.meta.url)('@aws-sdk/client-s3') as AwsS3Sdk;
  return loaded;
}
