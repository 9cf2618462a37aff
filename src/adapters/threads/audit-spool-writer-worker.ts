// Entry point of the audit spool writer thread: moves the records the serving workers append to
// the spool folder into the audit log, pass after pass, on CPU time nothing else wants (SCHED_IDLE
// on Linux), so that the threads answering requests always run first; the spool absorbs the lag.
// With nice 19 instead, the writer's slices of a saturated core cost 2-3 ms at the 99th
// percentile of `npm run bench:serve`. Even under SCHED_IDLE its work costs the workers about
// 1.7 ms there (3.3 against 5.0 ms with the writer stopped), so while the machine is busy it lets
// records wait in the spool up to `deferBytes` and writes them once the load falls.
import { rmdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { AuditLog } from '../../ports/audit-log.js';
import { SpoolIngest } from '../spool/spool-ingest.js';
import { openAuditLog } from '../sql/audit-open-log.js';
import type {
  AuditSpoolWriterData,
  AuditSpoolWriterMessage,
  AuditSpoolWriterReply,
} from './audit-spool-writer-messages.js';
import { MachineBusyMeter } from './machine-busy.js';
import { toThreadError } from './thread-error.js';
import { runThisThreadAtLowestPriority, runThisThreadWhenIdle } from './thread-priority.js';

const port = parentPort;
if (!port) throw new Error('audit-spool-writer-worker.ts runs only as a worker thread');
const reply = (message: AuditSpoolWriterReply) => port.postMessage(message);
const {
  dir,
  databaseUrl,
  pollMs,
  priority: wanted,
  deferBytes = 0,
  busyAtLeast = 0.75,
} = workerData as AuditSpoolWriterData;
/** Passes tried on close while the store fails; what is left stays in the spool for the next start. */
const CLOSING_ATTEMPTS = 3;

const priority =
  wanted === 'idle'
    ? runThisThreadWhenIdle()
    : wanted === 'low'
      ? runThisThreadAtLowestPriority()
      : 'unchanged';

let log: AuditLog | undefined;
try {
  log = await openAuditLog(databaseUrl);
  reply({ kind: 'ready', priority });
} catch (error) {
  reply({ kind: 'open-failed', error: toThreadError(error) });
}

if (log) {
  const opened = log;
  let closing = false;
  let urgent = false;
  let wake: (() => void) | undefined;
  port.on('message', (message: AuditSpoolWriterMessage) => {
    if (message.kind === 'close') closing = true;
    else urgent = true;
    wake?.();
  });
  const busy = new MachineBusyMeter();
  const ingest = new SpoolIngest({
    dir,
    host: hostname(),
    log: opened,
    onProblem: (problem) => reply({ kind: 'problem', message: problem }),
  });
  await ingest.adoptOrphans();
  let failures = 0;
  for (;;) {
    const stopping = closing;
    // While the machine is busy serving, records wait in the spool (on disk already) up to
    // deferBytes and are written once the load falls: the writer's work, even on idle cores, costs
    // the serving workers about 1.7 ms at the 99th percentile of one case per request.
    const busier = busy.sinceLastLook() >= busyAtLeast;
    const defer = !stopping && !urgent && busier ? deferBytes : 0;
    urgent = false;
    let worked = false;
    try {
      const status = (backlogBytes: number) =>
        reply({ kind: 'status', backlogBytes, written: ingest.written, damaged: ingest.damaged });
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
      failures = 0;
      status(pass.backlogBytes);
    } catch (error) {
      failures += 1;
      reply({ kind: 'problem', message: `audit spool not written: ${(error as Error).message}` });
    }
    if (stopping && (!worked || failures >= CLOSING_ATTEMPTS)) break;
    if ((!worked || failures > 0) && !urgent && !closing)
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
