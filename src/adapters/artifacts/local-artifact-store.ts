import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeArtifactPath } from '../../core/artifacts/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import type { ArtifactFileInfo, ArtifactStore } from '../../ports/artifact-store.js';

/** Names of files being written; never listed. */
const TEMP_PREFIX = '.amlops-tmp-';

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/**
 * Artifacts in a local directory. Paths are normalized (traversal refused) and then checked again
 * to resolve inside the root; files are written to a temporary name and renamed into place, so a
 * reader or a crash never sees half a file.
 *
 * @example
 * const store = new LocalArtifactStore('.amlops/artifacts');
 * await store.put('1/abc/artifacts/model/model.json', json);
 */
export class LocalArtifactStore implements ArtifactStore {
  readonly root: string;
  readonly rootUri: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.rootUri = pathToFileURL(this.root).href;
  }

  #resolve(path: string): { relative: string; full: string } {
    const relative = normalizeArtifactPath(path);
    const full = relative === '' ? this.root : join(this.root, relative);
    if (full !== this.root && !full.startsWith(this.root.endsWith(sep) ? this.root : this.root + sep))
      throw new AmlopsError(
        'ARTIFACT_PATH_INVALID',
        `artifact path '${path}' resolves outside the artifact root`,
      );
    return { relative, full };
  }

  async put(path: string, body: Uint8Array | string): Promise<void> {
    const { relative, full } = this.#resolve(path);
    if (relative === '')
      throw new AmlopsError('ARTIFACT_PATH_INVALID', 'cannot write a file at the artifact root itself');
    await mkdir(dirname(full), { recursive: true });
    const temp = join(dirname(full), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`);
    try {
      await writeFile(temp, body, { flush: true });
      await rename(temp, full);
    } catch (error) {
      await rm(temp, { force: true });
      throw new AmlopsError('FILE_WRITE_FAILED', `could not write artifact '${relative}'`, undefined, {
        cause: error,
      });
    }
  }

  async get(path: string): Promise<Uint8Array> {
    const { relative, full } = this.#resolve(path);
    try {
      return new Uint8Array(await readFile(full));
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'EISDIR')
        throw new AmlopsError('FILE_NOT_FOUND', `no artifact '${relative}'`);
      throw error;
    }
  }

  async stream(path: string): Promise<AsyncIterable<Uint8Array>> {
    const { relative, full } = this.#resolve(path);
    const info = await stat(full).catch(() => undefined);
    if (!info?.isFile()) throw new AmlopsError('FILE_NOT_FOUND', `no artifact '${relative}'`);
    return createReadStream(full);
  }

  async exists(path: string): Promise<boolean> {
    const { full } = this.#resolve(path);
    return (await stat(full).catch(() => undefined))?.isFile() ?? false;
  }

  async list(path?: string): Promise<ArtifactFileInfo[]> {
    const { relative, full } = this.#resolve(path ?? '');
    const entries = await readdir(full, { withFileTypes: true }).catch((error) => {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
      throw error;
    });
    const infos = await Promise.all(
      entries
        .filter((e) => !e.name.startsWith(TEMP_PREFIX) && (e.isFile() || e.isDirectory()))
        .map(async (e) => {
          const childPath = relative === '' ? e.name : `${relative}/${e.name}`;
          if (e.isDirectory()) return { path: childPath, isDir: true };
          return { path: childPath, isDir: false, fileSize: (await stat(join(full, e.name))).size };
        }),
    );
    return infos.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async listFiles(path?: string): Promise<ArtifactFileInfo[]> {
    const files: ArtifactFileInfo[] = [];
    for (const entry of await this.list(path)) {
      if (entry.isDir) files.push(...(await this.listFiles(entry.path)));
      else files.push(entry);
    }
    return files;
  }

  async delete(path: string): Promise<void> {
    const { relative, full } = this.#resolve(path);
    if (relative === '')
      throw new AmlopsError('ARTIFACT_PATH_INVALID', 'refusing to delete the artifact root');
    await rm(full, { recursive: true, force: true });
  }

  child(path: string): LocalArtifactStore {
    return new LocalArtifactStore(this.#resolve(path).full);
  }
}
