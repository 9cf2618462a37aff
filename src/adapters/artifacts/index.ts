export { LocalArtifactStore } from './local-artifact-store.js';
export { openArtifactStore } from './open-artifact-store.js';
export { resolveArtifactsUri } from './resolve-artifacts-uri.js';
export { S3ArtifactStore } from './s3-artifact-store.js';
export { s3ClientFromEnv } from './s3-client-from-env.js';
