import type { Finding } from '../../core/findings/index.js';
import type { TableProfile } from '../../core/quality/table-profile.js';
import type { ProfileFileReply, ProfileFileWorkerData } from './profile-file-messages.js';
import { startWorker } from './start-worker.js';
import { rebuildThreadError } from './thread-error.js';

/**
 * Reads, types and profiles one side of a quality report on a thread of its own, so that the two
 * files of `amlops report quality` are read and profiled at once on two cores; the thread ends
 * with its answer. Rejects with the reading's error (FILE_NOT_FOUND, DATA_PARSE_FAILED…).
 *
 * @example
 * const [reference, current] = await Promise.all([profileFileOnThread({ source: 'a.csv', name: 'a.csv', schema }), …]);
 */
export function profileFileOnThread(
  data: ProfileFileWorkerData,
): Promise<{ readonly profile: TableProfile; readonly findings: readonly Finding[] }> {
  const worker = startWorker(import.meta.url, './profile-file-worker', data);
  return new Promise((resolve, reject) => {
    let answered = false;
    worker.once('message', (reply: ProfileFileReply) => {
      answered = true;
      if (reply.kind === 'profile') resolve({ profile: reply.profile, findings: reply.findings });
      else reject(rebuildThreadError(reply.error));
    });
    worker.once('error', (error) => reject(new Error(`the profiling thread failed: ${error.message}`)));
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the profiling thread of ${data.name} stopped (exit code ${code})`));
    });
  });
}
