import { isWithinArtifactRoot, normalizeArtifactPath, parseArtifactUri } from '../../core/artifacts/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import type { SqlStoreContext } from './sql-store-context.js';

/**
 * The artifact location of a new model version, checked: `runs:/<id>/<path>` becomes the run's
 * artifact URI plus the path; any other source must lie under the artifact root or under the
 * artifact URI of the version's run. Traversal, `;`, NUL, queries and fragments are refused by the
 * parsers with ARTIFACT_PATH_INVALID.
 *
 * @example
 * await resolveVersionSource(ctx, 'runs:/6f1c…/model', undefined); // 'file:///srv/artifacts/1/6f1c…/artifacts/model'
 */
export async function resolveVersionSource(
  ctx: SqlStoreContext,
  source: string,
  runId: string | undefined,
): Promise<{ source: string; runId: string }> {
  const uri = parseArtifactUri(source);
  const runUri = async (id: string) => {
    const row = await ctx.db
      .selectFrom('runs')
      .select('artifact_uri')
      .where('run_uuid', '=', id)
      .executeTakeFirst();
    if (!row) throw new AmlopsError('NOT_FOUND', `no run with id '${id}'`);
    return row.artifact_uri;
  };
  if (uri.scheme === 'runs') {
    const match = /^\/*([0-9a-f]{32})(?:\/(.*))?$/.exec(uri.path);
    if (!match)
      throw new AmlopsError(
        'ARTIFACT_PATH_INVALID',
        `invalid runs: URI '${source}'; expected runs:/<run id>/<path>`,
      );
    const id = match[1]!;
    if (runId && runId !== id)
      throw new AmlopsError('USAGE', `source names run '${id}' but run_id is '${runId}'`);
    const path = normalizeArtifactPath(match[2] ?? '');
    const base = (await runUri(id)).replace(/\/+$/, '');
    return { source: path ? `${base}/${path}` : base, runId: id };
  }
  if (uri.scheme === 'models')
    throw new AmlopsError(
      'USAGE',
      'models:/ sources are not supported; register from runs:/ or an artifact URI',
    );
  if (isWithinArtifactRoot(source, ctx.artifactRoot)) return { source, runId: runId ?? '' };
  if (runId && isWithinArtifactRoot(source, await runUri(runId))) return { source, runId };
  throw new AmlopsError(
    'ARTIFACT_PATH_INVALID',
    `model version source '${source}' is outside the artifact root${runId ? " and the run's artifacts" : ''}`,
  );
}
