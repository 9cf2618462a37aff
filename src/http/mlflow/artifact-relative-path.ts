import { isWithinArtifactRoot, parseArtifactUri } from '../../core/artifacts/index.js';
import { AmlopsError } from '../../core/errors/index.js';

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '' && segment !== '.');
}

/**
 * The path of `location` relative to the artifact root `rootUri` ('' for the root itself), or
 * `ARTIFACT_PATH_INVALID` when the location is malformed (traversal in any encoding, a query or
 * fragment, an unsupported scheme) or lies outside the root. This is the confinement rule of the
 * MLflow surface: every location it reads from or accepts must be under the one artifact root.
 *
 * @example
 * artifactRelativePath('file:///srv/artifacts/1/abc/artifacts', 'file:///srv/artifacts'); // '1/abc/artifacts'
 * artifactRelativePath('file:///etc', 'file:///srv/artifacts'); // throws ARTIFACT_PATH_INVALID
 */
export function artifactRelativePath(location: string, rootUri: string): string {
  const parsed = parseArtifactUri(location);
  if (!isWithinArtifactRoot(location, rootUri))
    throw new AmlopsError(
      'ARTIFACT_PATH_INVALID',
      `invalid artifact location '${location}': it is outside the artifact root`,
    );
  return segments(parsed.path)
    .slice(segments(parseArtifactUri(rootUri).path).length)
    .join('/');
}
