import { createHash } from 'node:crypto';
import { AmlopsError } from '../core/errors/index.js';
import type { Tag } from '../core/tracking/index.js';

/** The model-version tag that holds the sha256 of each of its bundle's files, as JSON. */
export const FILES_SHA256_TAG = 'amlops.files_sha256';

/** The sha256 of a text, as 64 hex digits. */
function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The tag recording the sha256 of each file of a bundle (path → hex digest), set when the version
 * is registered, so that a file changed afterwards (edited on disk, truncated, replaced in the
 * bucket) is caught when the version is loaded.
 *
 * @example
 * const tag = bundleDigestsTag(bundleToFiles(bundle)); // { key: 'amlops.files_sha256', value: '{"model/model.json":"9f…"}' }
 */
export function bundleDigestsTag(files: Readonly<Record<string, string>>): Tag {
  const digests = Object.fromEntries(
    Object.keys(files)
      .sort()
      .map((path) => [path, sha256(files[path]!)]),
  );
  return { key: FILES_SHA256_TAG, value: JSON.stringify(digests) };
}

/**
 * Checks the files read for a version against the digests recorded when it was registered: every
 * recorded file must be there, byte for byte. MODEL_FILE_TAMPERED names the first that is missing
 * or differs; a version registered before digests were recorded (no tag) passes unchecked.
 *
 * @example
 * verifyBundleDigests(version, files); // throws when model/model.json was edited after registration
 */
export function verifyBundleDigests(
  version: { readonly name: string; readonly version: string; readonly tags: readonly Tag[] },
  files: ReadonlyMap<string, Uint8Array>,
): void {
  const recorded = version.tags.find((tag) => tag.key === FILES_SHA256_TAG)?.value;
  if (recorded === undefined) return;
  let digests: Record<string, string>;
  try {
    digests = JSON.parse(recorded) as Record<string, string>;
  } catch {
    throw new AmlopsError(
      'MODEL_FILE_TAMPERED',
      `model ${version.name}/${version.version}: its recorded file digests (tag ${FILES_SHA256_TAG}) are not readable JSON`,
    );
  }
  for (const [path, expected] of Object.entries(digests)) {
    const bytes = files.get(path);
    if (bytes === undefined)
      throw new AmlopsError(
        'MODEL_FILE_TAMPERED',
        `model ${version.name}/${version.version}: ${path} was recorded at registration but is gone`,
        { path },
      );
    const actual = sha256(bytes);
    if (actual !== expected)
      throw new AmlopsError(
        'MODEL_FILE_TAMPERED',
        `model ${version.name}/${version.version}: ${path} changed since registration (sha256 ${actual.slice(0, 12)}…, recorded ${expected.slice(0, 12)}…); it is not loaded`,
        { path, expected, actual },
      );
  }
}
