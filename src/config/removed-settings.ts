/**
 * Settings earlier versions had, and why they went: a configuration file naming one is refused with
 * the reason, so that an upgrade says what changed instead of "unknown setting".
 */
export const REMOVED_SETTINGS: Readonly<Record<string, string>> = {
  'audit.queueSize':
    'every answered case is now in its spool file before the answer leaves (no queue in memory); audit.maxBacklogMb bounds what waits for the store',
  'audit.whenFull':
    'nothing is dropped any more: when audit.maxBacklogMb is reached, scoring answers 503 AUDIT_UNAVAILABLE',
  'audit.spoolMaxMb': 'renamed audit.maxBacklogMb (it now applies to every serving process)',
  'audit.spoolDeferMb':
    'records wait in the spool while the machine is busy up to a quarter of audit.maxBacklogMb',
  'audit.spoolDeferBusyPercent': 'records wait in the spool while the machine is at least 75% busy',
  'audit.writerPriority':
    'the spool writer runs at the server’s priority so that the store keeps pace under sustained load',
  'audit.batchSize': 'the writer appends what the spool holds, up to 20,000 cases a transaction',
  'audit.flushMs':
    'every answered case is now in its spool file before the answer leaves; audit.fsyncMs says how often that file is flushed to the disk',
};
