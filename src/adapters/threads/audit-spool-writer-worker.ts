// Entry point of the audit spool writer thread: moves the records the serving processes append to
// the spool folder into the store, pass after pass. While the machine is busy serving, records wait
// in the spool (on disk already) up to `deferBytes` and are written once the load falls: the
// writer's work, even on idle cores, cost the serving workers about 1.7 ms at the 99th percentile
// of one case per request. Past that, it writes at the process's own priority, so that under
// sustained load the store keeps pace and scoring is refused (AUDIT_UNAVAILABLE) only when the
// store itself cannot follow.
import { rmdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { AuditStoreWriter } from '../../ports/audit-store-writer.js';
import { SpoolIngest } from '../spool/spool-ingest.js';
import { openAuditStoreWriter } from '../sql/audit-open-writer.js';
import type {
  AuditSpoolWriterData,
  AuditSpoolWriterMessage,
  AuditSpoolWriterReply,
} from './audit-spool-writer-messages.js';
import { MachineBusyMeter } from './machine-busy.js';
import { toThreadError } from './thread-error.js';

const port = parentPort;
if (!port) throw new Error('audit-spool-writer-worker.ts runs only as a worker thread');
const reply = (message: AuditSpoolWriterReply) => port.postMessage(message);
const {
  dir,
  databaseUrl,
  pollMs,
  deferBytes = 0,
  busyAtLeast = 0.75,
  caseSampleRate = 0,
} = workerData as AuditSpoolWriterData;
/** Least time between two looks at the store while records wait for the machine to be less busy, in ms. */
const PING_MS = 2000;
/** Passes tried on close while the store fails; what is left stays in the spool for the next start. */
const CLOSING_ATTEMPTS = 3;

let log: AuditStoreWriter | undefined;
try {
  log = await openAuditStoreWriter(databaseUrl, { sampleRate: caseSampleRate });
  reply({ kind: 'ready' });
} catch (error) {
  reply({ kind: 'open-failed', error: toThreadError(error) });
}

if (log) {
  const opened = log;
  let closing = false;
  let urgent = false;
  let wake: (() => void) | undefined;
  /** Drain requests waiting for a pass begun after they came (it writes whatever waits, busy or not). */
  let drains: number[] = [];
  port.on('message', (message: AuditSpoolWriterMessage) => {
    if (message.kind === 'close') closing = true;
    else urgent = true;
    if (message.kind === 'drain') drains.push(message.id);
    wake?.();
  });
  const busy = new MachineBusyMeter();
  const ingest = new SpoolIngest({
    dir,
    host: hostname(),
    writer: opened,
    onProblem: (problem) => reply({ kind: 'problem', message: problem }),
  });
  await ingest.adoptOrphans();
  let failures = 0;
  /** The spool's backlog as the last pass saw it (told again when a pass fails). */
  let lastBacklog = 0;
  let lastPing = 0;
  for (;;) {
    const stopping = closing;
    // While the machine is busy serving, records wait in the spool (on disk already) up to
    // deferBytes and are written once the load falls: the writer's work, even on idle cores, costs
    // the serving workers about 1.7 ms at the 99th percentile of one case per request.
    const busier = busy.sinceLastLook() >= busyAtLeast;
    const defer = !stopping && !urgent && busier ? deferBytes : 0;
    urgent = false;
    const answering = drains;
    drains = [];
    let worked = false;
    try {
      const status = (backlogBytes: number) => {
        lastBacklog = backlogBytes;
        reply({ kind: 'status', backlogBytes, written: ingest.written, damaged: ingest.damaged });
      };
      let told = 0;
      const pass = await ingest.pass(
        (backlogBytes) => {
          // At most four times a second while a long pass goes on.
          if (Date.now() - told < 250) return;
          told = Date.now();
          status(backlogBytes);
        },
        { deferBelowBytes: defer },
      );
      worked = pass.worked;
      // Records left waiting (the machine busy): is the store there for them? An outage is told now.
      if (!worked && pass.backlogBytes > 0 && Date.now() - lastPing >= PING_MS) {
        lastPing = Date.now();
        await opened.ping();
      }
      failures = 0;
      status(pass.backlogBytes);
      // The pass read every file as far as it was written when it began, after these requests came.
      if (answering.length > 0) reply({ kind: 'drained', ids: answering });
    } catch (error) {
      drains.push(...answering);
      failures += 1;
      const storeError = (error as Error).message;
      reply({ kind: 'problem', message: `audit spool not written: ${storeError}` });
      reply({
        kind: 'status',
        backlogBytes: lastBacklog,
        written: ingest.written,
        damaged: ingest.damaged,
        storeError,
      });
    }
    if (stopping && (!worked || failures >= CLOSING_ATTEMPTS)) break;
    if ((!worked || failures > 0) && !urgent && !closing && drains.length === 0)
      await new Promise<void>((resolve) => {
        wake = resolve;
        void sleep(failures > 0 ? Math.min(10_000, pollMs * 2 ** failures) : pollMs).then(resolve);
      });
  }
  await opened.close();
  // The folder goes once empty; what a failing store left in it is adopted by the next server.
  await rmdir(dir).catch(() => undefined);
  reply({ kind: 'closed' });
  port.close();
}
