import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The artifact root to use: `ARTIFACTS_URI` when set (`s3://bucket/prefix` or a directory), else the
 * embedded `$AMLOPS_HOME/artifacts` (AMLOPS_HOME defaults to `./.amlops`) as an absolute `file:` URI,
 * so that the locations recorded in the database do not depend on the working directory.
 *
 * @example
 * resolveArtifactsUri({ ARTIFACTS_URI: 's3://amlops/artifacts' }); // 's3://amlops/artifacts'
 * resolveArtifactsUri({ AMLOPS_HOME: '/srv/amlops' }); // 'file:///srv/amlops/artifacts'
 */
export function resolveArtifactsUri(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.ARTIFACTS_URI) return env.ARTIFACTS_URI;
  return pathToFileURL(resolve(join(env.AMLOPS_HOME || '.amlops', 'artifacts'))).href;
}
