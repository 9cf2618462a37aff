import { isWithinArtifactRoot, parseArtifactUri } from '../../core/artifacts/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import type { TrackingStore } from '../../ports/tracking-store.js';
import { artifactRelativePath } from './artifact-relative-path.js';
import { resolveModelSource } from './resolve-model-source.js';

function refuseLocalSource(source: string): never {
  throw new AmlopsError(
    'ARTIFACT_PATH_INVALID',
    `Invalid model version source: '${source}'. To use a local path as a model version source, the run_id ` +
      'request parameter has to be specified and the local path has to be contained within the artifact ' +
      'directory of the run specified by the run_id.',
  );
}

/**
 * Refuses a model version `source` that could make the registry read files it should not (the
 * MLflow CVEs of `../` and `file://` sources). MLflow's rule: a local source (`file:` or a path) is
 * accepted only with a `run_id` and inside that run's artifact directory. amlops adds one: every
 * source, once `runs:/` is resolved, must lie under the artifact root. Traversal in any encoding,
 * queries, fragments and other schemes are refused by the parser.
 *
 * @example
 * await checkModelVersionSource('file:///etc', 'abc…', tracking, 'file:///srv/artifacts'); // throws ARTIFACT_PATH_INVALID
 */
export async function checkModelVersionSource(
  source: string,
  runId: string | undefined,
  tracking: TrackingStore,
  rootUri: string,
): Promise<void> {
  const { scheme } = parseArtifactUri(source);
  const resolved = await resolveModelSource(source, tracking);
  artifactRelativePath(resolved, rootUri);
  if (scheme !== '' && scheme !== 'file') return;
  const runUri = runId ? (await tracking.getRun(runId)).info.artifactUri : undefined;
  if (runUri === undefined || !isWithinArtifactRoot(source, runUri)) refuseLocalSource(source);
}
