import { isWithinArtifactRoot, parseArtifactUri } from '../core/artifacts/index.js';
import { AmlopsError } from '../core/errors/index.js';
import type { ArtifactStore } from '../ports/artifact-store.js';

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '' && segment !== '.');
}

/**
 * The files at one artifact location (a run's artifact URI, a model version's source) as a store
 * narrowed from the root store. A location outside the root is ARTIFACT_PATH_INVALID: locations can
 * come from clients of the MLflow API, so they are confined here too, not trusted.
 *
 * @example
 * const files = artifactsAt(root, run.info.artifactUri);
 * await files.listFiles();
 */
export function artifactsAt(root: ArtifactStore, location: string): ArtifactStore {
  if (!isWithinArtifactRoot(location, root.rootUri))
    throw new AmlopsError(
      'ARTIFACT_PATH_INVALID',
      `artifact location '${location}' is outside the artifact root`,
    );
  const relative = segments(parseArtifactUri(location).path)
    .slice(segments(parseArtifactUri(root.rootUri).path).length)
    .join('/');
  return relative === '' ? root : root.child(relative);
}
