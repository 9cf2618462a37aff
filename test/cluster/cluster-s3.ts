import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { startS3Server } from '../setup/s3-server.js';

/** The S3-compatible server of a cluster (reached directly, not through the fault proxy) and its bucket. */
export interface ClusterS3 {
  readonly endpoint: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** A client of the server itself, to check what is stored whatever the cluster's proxy lets through. */
  readonly client: S3Client;
  stop(): Promise<void>;
}

function clientOf(endpoint: string, accessKeyId: string, secretAccessKey: string): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
  });
}

/** The global setup's S3 server, when running under Vitest (benchmarks use the harness too). */
function providedS3(): ReturnType<typeof inject<'s3'>> | undefined {
  try {
    return inject('s3');
  } catch {
    return undefined;
  }
}

/**
 * A bucket of its own for one cluster: on the global setup's s3rver when it started one, otherwise
 * on an s3rver started for this cluster.
 *
 * @example
 * const s3 = await clusterS3(); // ARTIFACTS_URI=s3://${s3.bucket}/…, S3_ENDPOINT=s3.endpoint
 * await s3.stop();
 */
export async function clusterS3(): Promise<ClusterS3> {
  const provided = providedS3();
  if (provided?.endpoint) {
    const client = clientOf(provided.endpoint, provided.accessKeyId, provided.secretAccessKey);
    const bucket = `amlops-cluster-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    return { ...provided, bucket, client, stop: async () => client.destroy() };
  }
  const own = await startS3Server();
  const client = clientOf(own.endpoint, own.accessKeyId, own.secretAccessKey);
  return {
    endpoint: own.endpoint,
    bucket: own.bucket,
    accessKeyId: own.accessKeyId,
    secretAccessKey: own.secretAccessKey,
    client,
    async stop() {
      client.destroy();
      await own.stop();
    },
  };
}
