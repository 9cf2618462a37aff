import type { AuditSink } from '../../ports/audit-sink.js';
import { rebuildThreadError } from '../threads/thread-error.js';
import { type AuditWriteMessage, isAuditWriteReply } from './audit-ipc-messages.js';

/** The IPC channel of a process started by a node cluster primary (or `child_process.fork`). */
export interface ParentChannel {
  readonly connected?: boolean;
  send?(
    message: unknown,
    sendHandle?: undefined,
    options?: object,
    callback?: (error: Error | null) => void,
  ): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/**
 * A serving worker's audit sink that hands each batch to the cluster's primary over IPC (see
 * `relayAuditWrites`), so that one writer per machine appends to the store: no second V8 isolate
 * in every worker, and no two processes taking turns at SQLite's write lock.
 *
 * @example
 * const sink = auditSinkViaPrimary(process);
 */
export function auditSinkViaPrimary(channel: ParentChannel): AuditSink {
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let closed = false;
  const onMessage = (message: unknown) => {
    if (!isAuditWriteReply(message)) return;
    const p = pending.get(message.id);
    pending.delete(message.id);
    if (message.amlopsAudit === 'written') p?.resolve();
    else p?.reject(rebuildThreadError(message.error));
  };
  channel.on('message', onMessage);
  return {
    write(batch) {
      if (closed) return Promise.reject(new Error('the audit sink is closed'));
      if (!channel.send || channel.connected === false)
        return Promise.reject(new Error('the serving primary is gone: audit records cannot be written'));
      return new Promise<void>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        const message: AuditWriteMessage = { amlopsAudit: 'write', id, batch };
        channel.send!(message, undefined, {}, (error) => {
          if (!error) return;
          pending.delete(id);
          reject(error);
        });
      });
    },
    async close() {
      closed = true;
      channel.off('message', onMessage);
      for (const p of pending.values()) p.reject(new Error('the audit sink is closed'));
      pending.clear();
    },
  };
}
