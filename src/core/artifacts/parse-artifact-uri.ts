import { AmlopsError } from '../errors/index.js';
import type { ArtifactUri } from './artifact-uri.js';
import { findTraversal } from './find-traversal.js';

const SCHEMES = new Set(['file', 's3', 'runs', 'models']);

function refuse(uri: string, why: string): never {
  throw new AmlopsError(
    'ARTIFACT_PATH_INVALID',
    `invalid artifact location '${uri.replaceAll('\u0000', '\\0')}': ${why}`,
  );
}

/**
 * Parses and checks an artifact location (an experiment's root, a run's artifact URI, a model
 * version's source). Refused with `ARTIFACT_PATH_INVALID`: traversal in any encoding, `;`, NUL, a
 * query or fragment (`http:///#/../..`), schemes other than `file:`, `s3:`, `runs:` and `models:`,
 * `file:` URIs naming another host.
 *
 * @example
 * parseArtifactUri('s3://bucket/prefix/1'); // { scheme: 's3', authority: 'bucket', path: 'prefix/1' }
 * parseArtifactUri('file:///srv/a'); // { scheme: 'file', authority: '', path: '/srv/a' }
 */
export function parseArtifactUri(uri: string): ArtifactUri {
  if (typeof uri !== 'string' || uri.length === 0) refuse(String(uri), 'empty');
  const traversal = findTraversal(uri);
  if (traversal) refuse(uri, traversal);
  if (uri.includes('?') || uri.includes('#')) refuse(uri, 'query strings and fragments are not allowed');
  if (uri.includes('\\')) refuse(uri, 'backslash');
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(uri);
  // A one-letter "scheme" is a Windows drive: a plain path.
  if (!match || match[1]!.length === 1) return { scheme: '', authority: '', path: uri };
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!;
  if (!SCHEMES.has(scheme)) refuse(uri, `unsupported scheme '${scheme}:'`);
  if (scheme === 'file') {
    if (rest.startsWith('//')) {
      const slash = rest.indexOf('/', 2);
      const authority = slash === -1 ? rest.slice(2) : rest.slice(2, slash);
      const path = slash === -1 ? '/' : rest.slice(slash);
      if (authority !== '' && authority !== 'localhost') refuse(uri, `file: URI names host '${authority}'`);
      return { scheme, authority: '', path: decodeURIComponent(path) };
    }
    if (!rest.startsWith('/')) refuse(uri, 'file: URIs must be absolute');
    return { scheme, authority: '', path: decodeURIComponent(rest) };
  }
  if (scheme === 's3') {
    if (!rest.startsWith('//')) refuse(uri, 's3: URIs are s3://bucket/prefix');
    const slash = rest.indexOf('/', 2);
    const bucket = slash === -1 ? rest.slice(2) : rest.slice(2, slash);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) refuse(uri, `invalid bucket name '${bucket}'`);
    const key = slash === -1 ? '' : rest.slice(slash + 1).replace(/\/+$/, '');
    return { scheme, authority: bucket, path: key };
  }
  return { scheme, authority: '', path: rest };
}
