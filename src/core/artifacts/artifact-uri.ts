/**
 * An artifact location split into scheme, authority and path. `scheme` is '' for a plain
 * filesystem path; `path` keeps its leading '/' for `file:` and plain absolute paths, and has none
 * for `s3:` keys.
 */
export interface ArtifactUri {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
}
