import type { ArtifactStore } from '../../ports/artifact-store.js';
import { artifactRelativePath } from './artifact-relative-path.js';

/**
 * The artifact store of one artifact location (a run's `artifact_uri`, a model version's source):
 * the root store narrowed to the location, which must lie under the root.
 *
 * @example
 * const files = runArtifactStore(artifacts, run.info.artifactUri);
 * await files.list('model');
 */
export function runArtifactStore(root: ArtifactStore, location: string): ArtifactStore {
  const relative = artifactRelativePath(location, root.rootUri);
  return relative === '' ? root : root.child(relative);
}
