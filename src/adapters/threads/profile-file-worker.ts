// Entry point of a profiling thread: reads one data file, types it for a quality report and
// profiles it, then sends the profile back (its sorted columns transferred, not copied) and ends.
import { parentPort, workerData } from 'node:worker_threads';
import { profileTable } from '../../core/quality/profile-table.js';
import { qualityTableFromRaw } from '../../core/quality/quality-table-from-raw.js';
import { readTable } from '../data/read-table.js';
import type { ProfileFileReply, ProfileFileWorkerData } from './profile-file-messages.js';
import { toThreadError } from './thread-error.js';

const port = parentPort;
if (!port) throw new Error('profile-file-worker.ts runs only as a worker thread');
const { source, name, schema, target } = workerData as ProfileFileWorkerData;
try {
  const { table, findings } = qualityTableFromRaw(name, await readTable(source), schema);
  const profile = profileTable(table, target);
  const transfer = profile.columns.flatMap((c) => (c.sorted ? [c.sorted.buffer as ArrayBuffer] : []));
  port.postMessage({ kind: 'profile', profile, findings } satisfies ProfileFileReply, transfer);
} catch (error) {
  port.postMessage({ kind: 'error', error: toThreadError(error) } satisfies ProfileFileReply);
}
