import { createHash } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Cluster } from './cluster-harness.js';

/** A model version as the registry stores it (the columns tests look at). */
interface VersionRow extends Record<string, unknown> {
  readonly version: number;
  readonly status: string;
  readonly status_message: string;
  readonly source: string;
  readonly run_id: string;
}

/** A model version with the digests of its files. */
export interface StoredVersion extends VersionRow {
  /** `amlops.files_sha256`: file path → sha256, recorded at registration. */
  readonly files: Record<string, string>;
}

/** Every version of the cluster's registered model, oldest first. */
export async function storedVersions(cluster: Cluster): Promise<StoredVersion[]> {
  const rows = await cluster.query<VersionRow & { digests: string | null }>(
    `select v.version, v.status, v.status_message, v.source, v.run_id, t.value as digests
       from model_versions v
       left join model_version_tags t
         on t.name = v.name and t.version = v.version and t.key = 'amlops.files_sha256'
      order by v.version`,
  );
  return rows.map(
    ({ digests, ...row }): StoredVersion => ({
      version: row.version,
      status: row.status,
      status_message: row.status_message,
      source: row.source,
      run_id: row.run_id,
      files: digests ? (JSON.parse(digests) as Record<string, string>) : {},
    }),
  );
}

/**
 * What is wrong with the READY versions' artifacts, read from the S3 server itself (not through
 * the cluster's proxy): a READY version with no recorded files, or a file missing, unreadable or
 * not matching its recorded sha256. Empty when every READY version can be loaded.
 *
 * @example
 * expect(await readyVersionsMissingArtifacts(cluster)).toEqual([]);
 */
export async function readyVersionsMissingArtifacts(cluster: Cluster): Promise<string[]> {
  const problems: string[] = [];
  for (const version of await storedVersions(cluster)) {
    if (version.status !== 'READY') continue;
    const paths = Object.keys(version.files);
    if (!paths.includes('model/model.json'))
      problems.push(`version ${version.version}: READY without a recorded model/model.json`);
    const source = /^s3:\/\/([^/]+)\/(.*?)\/?$/.exec(version.source);
    if (!source) {
      problems.push(`version ${version.version}: source ${version.source} is not in S3`);
      continue;
    }
    for (const path of paths) {
      try {
        const object = await cluster.s3.client.send(
          new GetObjectCommand({ Bucket: source[1], Key: `${source[2]}/${path}` }),
        );
        const bytes = await object.Body!.transformToByteArray();
        const digest = createHash('sha256').update(bytes).digest('hex');
        if (digest !== version.files[path])
          problems.push(`version ${version.version}: ${path} does not match its recorded sha256`);
      } catch (error) {
        problems.push(`version ${version.version}: ${path} unreadable in S3 (${(error as Error).name})`);
      }
    }
  }
  return problems;
}
