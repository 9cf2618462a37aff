import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AmlopsError } from '../../../core/errors/index.js';

/**
 * Writes a file through `body` into a temporary sibling, then renames it into place, so that a
 * reader never sees half a file and a failed write leaves the old one. Parent folders are
 * created. Any failure is an `AmlopsError('FILE_WRITE_FAILED')` naming the path.
 *
 * @example
 * await writeFileAtomically('/tmp/out.csv', async (file) => { await file.write('a,b\n'); });
 */
export async function writeFileAtomically(
  path: string,
  body: (file: FileHandle) => Promise<void>,
): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    const file = await open(temporary, 'w');
    try {
      await body(file);
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    if (error instanceof AmlopsError) throw error;
    throw new AmlopsError(
      'FILE_WRITE_FAILED',
      `cannot write ${path}: ${(error as Error).message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
}
