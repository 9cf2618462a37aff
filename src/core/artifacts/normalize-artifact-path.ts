import { AmlopsError } from '../errors/index.js';
import { findTraversal } from './find-traversal.js';

function refuse(path: string, why: string): never {
  throw new AmlopsError(
    'ARTIFACT_PATH_INVALID',
    `invalid artifact path '${path.replaceAll('\u0000', '\\0')}': ${why}`,
  );
}

/**
 * The canonical form of an artifact path relative to an artifact root (`model/MLmodel`, '' for the
 * root itself), or AmlopsError `ARTIFACT_PATH_INVALID` when it could escape the root: `..` with
 * either slash, percent-encoded or double-encoded traversal, absolute paths (`/etc`, `C:\`, `file:`),
 * backslashes, `;` path parameters, NUL bytes.
 *
 * @example
 * normalizeArtifactPath('./model//MLmodel'); // 'model/MLmodel'
 * normalizeArtifactPath('../etc/passwd'); // throws ARTIFACT_PATH_INVALID
 */
export function normalizeArtifactPath(path: string | undefined): string {
  if (path === undefined) return '';
  if (typeof path !== 'string') refuse(String(path), 'not a string');
  const traversal = findTraversal(path);
  if (traversal) refuse(path, traversal);
  if (path.includes('\\')) refuse(path, 'backslash');
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    refuse(path, 'malformed percent-encoding');
  }
  for (const form of [path, decoded]) {
    if (form.startsWith('/') || form.startsWith('\\')) refuse(path, 'absolute path');
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(form)) refuse(path, 'absolute path or URI');
  }
  return path
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}
