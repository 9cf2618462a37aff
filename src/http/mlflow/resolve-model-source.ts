import { normalizeArtifactPath, parseArtifactUri } from '../../core/artifacts/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import type { TrackingStore } from '../../ports/tracking-store.js';

/**
 * The artifact location a model version source stands for: `runs:/<run id>/<path>` resolved against
 * the run's artifact URI, any other location as it is. `models:` sources are refused (amlops does
 * not copy between versions). Every part is checked for traversal.
 *
 * @example
 * await resolveModelSource('runs:/6f1c…/model', tracking); // 'file:///srv/artifacts/1/6f1c…/artifacts/model'
 */
export async function resolveModelSource(source: string, tracking: TrackingStore): Promise<string> {
  const uri = parseArtifactUri(source);
  if (uri.scheme === 'models')
    throw new AmlopsError(
      'USAGE',
      `invalid model version source '${source}': models:/ sources are not supported`,
    );
  if (uri.scheme !== 'runs') return source;
  const match = /^\/*([^/]+)(?:\/(.*))?$/.exec(uri.path);
  if (!match)
    throw new AmlopsError(
      'USAGE',
      `invalid model version source '${source}': expected runs:/<run_id>/<path>`,
    );
  const path = normalizeArtifactPath(match[2] ?? '');
  const run = await tracking.getRun(match[1]!);
  const base = run.info.artifactUri.replace(/\/+$/, '');
  return path === '' ? base : `${base}/${path}`;
}
