/** An entry of an artifact listing: a file with its size, or a directory. */
export interface ArtifactFileInfo {
  /** Relative to the store's root, with '/' separators. */
  readonly path: string;
  readonly isDir: boolean;
  /** Bytes; absent for directories. */
  readonly fileSize?: number;
}

/**
 * Files under one root URI (a directory or an `s3://bucket/prefix`). Every path is relative to the
 * root and checked with `normalizeArtifactPath`: anything that could escape the root is refused with
 * `ARTIFACT_PATH_INVALID` before any I/O. Writes are atomic: a reader sees the old file or the whole
 * new one, never a part.
 */
export interface ArtifactStore {
  /** The root as an URI: `file:///abs/dir` or `s3://bucket/prefix`. */
  readonly rootUri: string;
  put(path: string, body: Uint8Array | string): Promise<void>;
  /** The whole file; FILE_NOT_FOUND when absent. */
  get(path: string): Promise<Uint8Array>;
  /** The file in chunks, for downloads that should not be held in memory. */
  stream(path: string): Promise<AsyncIterable<Uint8Array>>;
  exists(path: string): Promise<boolean>;
  /** Direct children of a directory ('' for the root), sorted by path; empty when there is none. */
  list(path?: string): Promise<ArtifactFileInfo[]>;
  /** Every file under a directory, recursively, sorted by path. */
  listFiles(path?: string): Promise<ArtifactFileInfo[]>;
  /** Removes a file or a whole directory; no error when absent. */
  delete(path: string): Promise<void>;
  /** A store rooted at a sub-directory of this one (a run's artifacts, a model's files). */
  child(path: string): ArtifactStore;
}
