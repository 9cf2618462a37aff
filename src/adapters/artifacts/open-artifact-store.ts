import type { S3Client } from '@aws-sdk/client-s3';
import { parseArtifactUri } from '../../core/artifacts/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import type { ArtifactStore } from '../../ports/artifact-store.js';
import { LocalArtifactStore } from './local-artifact-store.js';
import { S3ArtifactStore } from './s3-artifact-store.js';
import { s3ClientFromEnv } from './s3-client-from-env.js';
import { s3Location } from './s3-location.js';

let defaultClient: S3Client | undefined;

/**
 * The artifact store rooted at `uri`, chosen by scheme: `s3://bucket/prefix` for S3 (client from
 * the environment unless one is given), `file:///dir` or a plain path for a local directory.
 *
 * @example
 * const store = openArtifactStore(process.env.ARTIFACTS_URI ?? '.amlops/artifacts');
 */
export function openArtifactStore(uri: string, options: { s3Client?: S3Client } = {}): ArtifactStore {
  const parsed = parseArtifactUri(uri);
  if (parsed.scheme === 's3') {
    if (options.s3Client) return new S3ArtifactStore(uri, options.s3Client);
    // One client for the process: it holds the connection pool.
    defaultClient ??= s3ClientFromEnv();
    return new S3ArtifactStore(uri, defaultClient, s3Location(process.env));
  }
  if (parsed.scheme === 'file' || parsed.scheme === '') return new LocalArtifactStore(parsed.path);
  throw new AmlopsError('ARTIFACT_PATH_INVALID', `no artifact store for '${parsed.scheme}:' locations`);
}
