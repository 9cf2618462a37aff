import { createHash } from 'node:crypto';
import type { ListObjectsV2CommandOutput, S3Client } from '@aws-sdk/client-s3';
import { normalizeArtifactPath, parseArtifactUri } from '../../core/artifacts/index.js';
import { AmlopsError, errorReason } from '../../core/errors/index.js';
import type { ArtifactFileInfo, ArtifactStore } from '../../ports/artifact-store.js';
import { awsS3Sdk } from './aws-s3-sdk.js';

const BODY_ATTEMPTS = 5;
/** User metadata holding the SHA-256 of the body, checked on every whole read. */
const DIGEST_KEY = 'amlops-sha256';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Artifacts under `s3://bucket/prefix` on S3 or any S3-compatible server. A PUT is atomic on S3, so
 * readers see a whole object or none. Paths are normalized (traversal refused) before they become keys.
 *
 * @example
 * const store = new S3ArtifactStore('s3://amlops/artifacts', s3ClientFromEnv());
 * await store.put('1/abc/artifacts/model/model.json', json);
 */
export class S3ArtifactStore implements ArtifactStore {
  readonly rootUri: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly #client: S3Client;
  readonly #sdk = awsS3Sdk();
  /** Where the client sends requests, for errors (`S3 at 127.0.0.1:9000`). */
  readonly #location: string;

  /** `location` says where `client` sends requests, in errors (see `s3Location`). */
  constructor(uri: string, client: S3Client, location = 'S3') {
    const parsed = parseArtifactUri(uri);
    if (parsed.scheme !== 's3') throw new AmlopsError('USAGE', `not an s3:// URI: '${uri}'`);
    this.bucket = parsed.authority;
    this.prefix = normalizeArtifactPath(parsed.path);
    this.rootUri = `s3://${this.bucket}${this.prefix ? `/${this.prefix}` : ''}`;
    this.#client = client;
    this.#location = location;
  }

  /** STORE_UNAVAILABLE saying what failed, in which bucket and prefix, on which endpoint, and the SDK's reason. */
  #unavailable(error: unknown, what: string): AmlopsError {
    const name = (error as Error | null)?.name;
    const reason = errorReason(error);
    return new AmlopsError(
      'STORE_UNAVAILABLE',
      `${what} in ${this.rootUri} on ${this.#location} failed: ${reason}${name && name !== 'Error' && !reason.includes(name) ? ` (${name})` : ''}`,
      undefined,
      { cause: error },
    );
  }

  #key(path: string): { relative: string; key: string } {
    const relative = normalizeArtifactPath(path);
    return { relative, key: [this.prefix, relative].filter((p) => p !== '').join('/') };
  }

  async put(path: string, body: Uint8Array | string): Promise<void> {
    const { relative, key } = this.#key(path);
    if (relative === '')
      throw new AmlopsError('ARTIFACT_PATH_INVALID', 'cannot write a file at the artifact root itself');
    try {
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      await this.#client.send(
        new this.#sdk.PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: bytes,
          Metadata: { [DIGEST_KEY]: sha256(bytes) },
        }),
      );
    } catch (error) {
      throw this.#unavailable(error, `put of '${relative}'`);
    }
  }

  async #body(path: string) {
    const { relative, key } = this.#key(path);
    try {
      const out = await this.#client.send(new this.#sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!out.Body) throw new AmlopsError('FILE_NOT_FOUND', `no artifact '${relative}'`);
      return { body: out.Body, digest: out.Metadata?.[DIGEST_KEY] };
    } catch (error) {
      if (isMissing(error)) throw new AmlopsError('FILE_NOT_FOUND', `no artifact '${relative}'`);
      if (error instanceof AmlopsError) throw error;
      throw this.#unavailable(error, `get of '${relative}'`);
    }
  }

  async get(path: string): Promise<Uint8Array> {
    // The SDK retries failed requests but not a body cut off or changed mid-transfer (a connection
    // reset, or an S3-compatible server that replaces objects in place); such reads are retried,
    // and a body that does not match the digest written with it is never returned.
    let lastError: unknown;
    for (let attempt = 1; attempt <= BODY_ATTEMPTS; attempt += 1) {
      try {
        const { body, digest } = await this.#body(path);
        const bytes = await body.transformToByteArray();
        if (digest === undefined || digest === sha256(bytes)) return bytes;
        lastError = new Error('the object changed while it was read');
      } catch (error) {
        if (error instanceof AmlopsError) throw error;
        lastError = error;
      }
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
    }
    throw this.#unavailable(lastError, `read of '${normalizeArtifactPath(path)}'`);
  }

  async stream(path: string): Promise<AsyncIterable<Uint8Array>> {
    return (await this.#body(path)).body as unknown as AsyncIterable<Uint8Array>;
  }

  async exists(path: string): Promise<boolean> {
    const { key, relative } = this.#key(path);
    if (relative === '') return false;
    try {
      await this.#client.send(new this.#sdk.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw this.#unavailable(error, `head of '${relative}'`);
    }
  }

  async #listPages(prefix: string, delimiter: string | undefined): Promise<ListObjectsV2CommandOutput[]> {
    const pages: ListObjectsV2CommandOutput[] = [];
    let token: string | undefined;
    do {
      try {
        const page = await this.#client.send(
          new this.#sdk.ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            Delimiter: delimiter,
            ContinuationToken: token,
          }),
        );
        pages.push(page);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } catch (error) {
        throw this.#unavailable(error, `list of '${prefix}'`);
      }
    } while (token);
    return pages;
  }

  #relativeOf(key: string): string {
    return this.prefix === '' ? key : key.slice(this.prefix.length + 1);
  }

  async list(path?: string): Promise<ArtifactFileInfo[]> {
    const { key } = this.#key(path ?? '');
    const prefix = key === '' ? '' : `${key}/`;
    const entries: ArtifactFileInfo[] = [];
    for (const page of await this.#listPages(prefix, '/')) {
      for (const p of page.CommonPrefixes ?? [])
        if (p.Prefix) entries.push({ path: this.#relativeOf(p.Prefix.replace(/\/$/, '')), isDir: true });
      for (const o of page.Contents ?? [])
        if (o.Key && o.Key !== prefix)
          entries.push({ path: this.#relativeOf(o.Key), isDir: false, fileSize: o.Size ?? 0 });
    }
    return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async listFiles(path?: string): Promise<ArtifactFileInfo[]> {
    const { key } = this.#key(path ?? '');
    const prefix = key === '' ? '' : `${key}/`;
    const files: ArtifactFileInfo[] = [];
    for (const page of await this.#listPages(prefix, undefined))
      for (const o of page.Contents ?? [])
        if (o.Key && !o.Key.endsWith('/'))
          files.push({ path: this.#relativeOf(o.Key), isDir: false, fileSize: o.Size ?? 0 });
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async delete(path: string): Promise<void> {
    const { relative, key } = this.#key(path);
    if (relative === '')
      throw new AmlopsError('ARTIFACT_PATH_INVALID', 'refusing to delete the artifact root');
    const keys = [key, ...(await this.listFiles(relative)).map((f) => this.#key(f.path).key)];
    try {
      for (const k of keys)
        await this.#client.send(new this.#sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: k }));
    } catch (error) {
      throw this.#unavailable(error, `delete of '${relative}'`);
    }
  }

  child(path: string): S3ArtifactStore {
    const { relative } = this.#key(path);
    // The same endpoint: its errors name it as the parent's do.
    return new S3ArtifactStore(
      relative ? `${this.rootUri}/${relative}` : this.rootUri,
      this.#client,
      this.#location,
    );
  }
}
