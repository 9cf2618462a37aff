import { spawnSync } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** This thread's id on Linux; undefined elsewhere. */
function threadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * On Linux, lowers the calling thread's scheduling priority to `nice` (0 to 19; higher is lower);
 * elsewhere, or when not allowed, the thread keeps the process's priority.
 *
 * @example
 * lowerThisThreadsPriority(10); // in a worker thread's entry module
 */
export function lowerThisThreadsPriority(nice: number): boolean {
  const tid = threadId();
  if (tid === undefined) return false;
  try {
    setPriority(tid, nice);
    return true;
  } catch {
    return false; // not allowed: the thread keeps the process's priority
  }
}

/** Gives the calling thread nice 19, the lowest ordinary priority; returns which it got. */
export function runThisThreadAtLowestPriority(): 'nice 19' | 'unchanged' {
  return lowerThisThreadsPriority(19) ? 'nice 19' : 'unchanged';
}

/** Where util-linux's `chrt` is found (an absolute path: PATH is not searched). */
const CHRT = ['/usr/bin/chrt', '/bin/chrt'];

/**
 * Runs the calling thread only on CPU time nothing else wants: Linux's SCHED_IDLE policy, set with
 * util-linux's `chrt` (Node cannot call `sched_setattr` itself), under which any ordinary thread
 * that wakes up takes the core at once. Where that is not possible the thread gets nice 19, the
 * lowest ordinary priority (then it still takes slices of a busy core). Returns which it got.
 *
 * @example
 * runThisThreadWhenIdle(); // 'idle' on Linux with util-linux
 */
export function runThisThreadWhenIdle(): 'idle' | 'nice 19' | 'unchanged' {
  const tid = threadId();
  if (tid === undefined) return 'unchanged';
  const chrt = CHRT.find((path) => existsSync(path));
  if (chrt && spawnSync(chrt, ['--idle', '--pid', '0', String(tid)], { stdio: 'ignore' }).status === 0)
    return 'idle';
  return runThisThreadAtLowestPriority();
}
