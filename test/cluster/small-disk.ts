import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small file system of its own (a tmpfs), which a test can fill up. */
export interface SmallDisk {
  readonly dir: string;
  /** Writes a file until the disk has no byte left (ENOSPC); returns the bytes written. */
  fill(): number;
  /** Removes what `fill` wrote. */
  free(): void;
  /** Unmounts it (lazily when still busy) and removes its mount point. */
  unmount(): void;
}

/**
 * Mounts a tmpfs of `sizeMb` megabytes on a new temporary directory. Returns why not instead when
 * this process is not root or the mount is refused (a container without CAP_SYS_ADMIN).
 *
 * @example
 * const disk = mountSmallDisk(3);
 * if (typeof disk === 'string') console.log(`skipped: ${disk}`);
 */
export function mountSmallDisk(sizeMb: number): SmallDisk | string {
  if (process.getuid?.() !== 0) return 'mounting a small tmpfs needs root';
  const dir = mkdtempSync(join(tmpdir(), 'amlops-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0755`, 'tmpfs', dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    return `mount -t tmpfs failed: ${stderr || (error as Error).message}`;
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      let written = 0;
      try {
        // Big chunks first, then down to single bytes: the last page is filled too.
        for (const size of [1 << 16, 4096, 1]) {
          const chunk = Buffer.alloc(size);
          for (;;) {
            try {
              written += writeSync(fd, chunk);
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
              break;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
      return written;
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      try {
        execFileSync('umount', [dir], { stdio: 'ignore' });
      } catch {
        execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
