import { join } from 'node:path';

/** Suffix of a spool file its serving process is still appending to. */
export const OPEN_SUFFIX = '.open';
/** Suffix of a spool file its serving process has finished. */
export const DONE_SUFFIX = '.spool';

/** What a spool file's name says. */
export interface SpoolFileName {
  /** The name without its suffix: the key of its checkpoint, the same before and after it is finished. */
  readonly source: string;
  /** The serving process appending to it. */
  readonly pid: number;
  readonly finished: boolean;
}

/**
 * The spool folder of one server (an `amlops serve` primary, or a single scoring process):
 * `<home>/audit-spool/<host>~<pid>`, with `.<instance>` for a second server in the same process.
 * Its processes append there and only its writer reads there, so two servers sharing a home never
 * write a record twice.
 *
 * @example
 * spoolDirOf('/srv/.amlops', 'scoring-1', 4242); // '/srv/.amlops/audit-spool/scoring-1~4242'
 * spoolDirOf('/srv/.amlops', 'scoring-1', 4242, 2); // '/srv/.amlops/audit-spool/scoring-1~4242.2'
 */
export function spoolDirOf(home: string, host: string, primaryPid: number, instance = 0): string {
  return join(spoolRootOf(home), `${host}~${primaryPid}${instance > 0 ? `.${instance}` : ''}`);
}

/** The folder that holds every primary's spool folder. */
export function spoolRootOf(home: string): string {
  return join(home, 'audit-spool');
}

/** The host and primary pid a spool folder's name carries; undefined for another name. */
export function parseSpoolDirName(name: string): { host: string; pid: number } | undefined {
  const match = /^(.+)~(\d+)(?:\.\d+)?$/.exec(name);
  return match ? { host: match[1]!, pid: Number(match[2]) } : undefined;
}

/**
 * The name of a serving process's `seq`-th spool file: host, pid and start time make it unique
 * on every machine sharing a store, `seq` orders one process's files.
 *
 * @example
 * spoolFileName({ host: 'scoring-1', pid: 4243, startedAt: 1795813612239, seq: 0, finished: false });
 * // 'scoring-1~4243~1795813612239~000000.open'
 */
export function spoolFileName(file: {
  host: string;
  pid: number;
  startedAt: number;
  seq: number;
  finished: boolean;
}): string {
  const source = `${file.host}~${file.pid}~${file.startedAt}~${String(file.seq).padStart(6, '0')}`;
  return source + (file.finished ? DONE_SUFFIX : OPEN_SUFFIX);
}

/** What a spool file's name says; undefined for a file that is not one. */
export function parseSpoolFileName(name: string): SpoolFileName | undefined {
  const finished = name.endsWith(DONE_SUFFIX);
  if (!finished && !name.endsWith(OPEN_SUFFIX)) return undefined;
  const source = name.slice(0, -(finished ? DONE_SUFFIX : OPEN_SUFFIX).length);
  const match = /^.+~(\d+)~\d+~\d+$/.exec(source);
  return match ? { source, pid: Number(match[1]), finished } : undefined;
}

/** True while process `pid` runs on this machine. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
