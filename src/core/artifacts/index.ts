export type { ArtifactUri } from './artifact-uri.js';
export { findTraversal } from './find-traversal.js';
export { isWithinArtifactRoot } from './is-within-artifact-root.js';
export { normalizeArtifactPath } from './normalize-artifact-path.js';
export { parseArtifactUri } from './parse-artifact-uri.js';
