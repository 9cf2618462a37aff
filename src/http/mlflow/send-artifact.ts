import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { normalizeArtifactPath } from '../../core/artifacts/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import type { ArtifactStore } from '../../ports/artifact-store.js';

// Types a browser may render inline are sent as text/plain: artifacts are user content (XSS).
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json',
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/plain',
  yaml: 'text/plain',
  yml: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  html: 'text/plain',
  htm: 'text/plain',
  svg: 'text/plain',
  js: 'text/plain',
  xml: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  parquet: 'application/octet-stream',
};

function contentType(fileName: string): string {
  if (fileName === 'MLmodel') return 'text/plain';
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return (extension && CONTENT_TYPES[extension]) || 'application/octet-stream';
}

/**
 * Streams one artifact file as an attachment (as MLflow's `get-artifact`), after confining `path`
 * to the store's root. Sent with `X-Content-Type-Options: nosniff` so that nothing uploaded as an
 * artifact runs as a page of this origin.
 *
 * @example
 * return sendArtifact(reply, runArtifactStore(artifacts, run.info.artifactUri), 'model/MLmodel');
 */
export async function sendArtifact(
  reply: FastifyReply,
  store: ArtifactStore,
  path: string,
): Promise<FastifyReply> {
  const normalized = normalizeArtifactPath(path);
  if (normalized === '') throw new AmlopsError('USAGE', "Missing value for required parameter 'path'.");
  const chunks = await store.stream(normalized);
  const fileName = normalized.slice(normalized.lastIndexOf('/') + 1);
  const asciiName = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('content-type', contentType(fileName))
    .header(
      'content-disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .send(Readable.from(chunks));
}
