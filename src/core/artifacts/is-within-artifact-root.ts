import { parseArtifactUri } from './parse-artifact-uri.js';

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '' && s !== '.');
}

/**
 * True when `location` is `root` or lies under it (same scheme and bucket, path segments a prefix),
 * used to refuse model-version sources and `file://` locations outside the artifact root. Both are
 * checked with {@link parseArtifactUri} first, so traversal cannot fake containment. Plain paths and
 * `file:` URIs compare as the same scheme.
 *
 * @example
 * isWithinArtifactRoot('file:///srv/artifacts/1/abc', '/srv/artifacts'); // true
 * isWithinArtifactRoot('file:///etc/passwd', '/srv/artifacts'); // false
 */
export function isWithinArtifactRoot(location: string, root: string): boolean {
  const a = parseArtifactUri(location);
  const b = parseArtifactUri(root);
  const kind = (scheme: string) => (scheme === '' ? 'file' : scheme);
  if (kind(a.scheme) !== kind(b.scheme) || a.authority !== b.authority) return false;
  if (kind(a.scheme) === 'file' && (!a.path.startsWith('/') || !b.path.startsWith('/'))) return false;
  const inner = segments(a.path);
  const outer = segments(b.path);
  return outer.length <= inner.length && outer.every((segment, i) => inner[i] === segment);
}
