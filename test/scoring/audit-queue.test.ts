import { describe, expect, it } from 'vitest';
import { auditLogSink } from '../../src/adapters/sql/audit-log-sink.js';
import { parsePredictBody } from '../../src/core/scoring/parse-predict-body.js';
import { scoringContract } from '../../src/core/scoring/scoring-contract.js';
import { validateScoringInput } from '../../src/core/scoring/validate-scoring-input.js';
import type { AuditLog, ScoredCase } from '../../src/ports/audit-log.js';
import type { AuditBatch } from '../../src/ports/audit-sink.js';
import type { AuditEntry } from '../../src/services/audit-entry.js';
import { AuditQueue } from '../../src/services/audit-queue.js';
import { trainTestBundle } from './scoring-test-kit.js';

const contract = scoringContract(trainTestBundle({ trees: 1 }));

function entry(requestId: string, rows: number): AuditEntry {
  const body = {
    total_outcome_dollar_amount: Array.from({ length: rows }, (_, i) => i),
    total_income_dollar_amount: Array.from({ length: rows }, () => null),
    risk_pld: Array.from({ length: rows }, () => 'LOW'),
    case_id: Array.from({ length: rows }, (_, i) => `${requestId}-${i}`),
  };
  const input = validateScoringInput(parsePredictBody(body).input, contract, 1e6);
  return {
    requestId,
    modelName: 'm',
    modelVersion: '1',
    time: 1000,
    caller: 'key-1',
    // A request sent without a well-formed X-Request-Id of its own: 'c'.
    clientRequestId: requestId === 'c' ? null : `client-${requestId}`,
    contract,
    input,
    scores: Float64Array.from({ length: rows }, (_, i) => i / 100),
  };
}

/** An audit log in memory whose writes can be held back or made to fail. */
function memoryLog() {
  const batches: ScoredCase[][] = [];
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => {};
  let failures = 0;
  const log = {
    batches,
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release: () => open(),
    failNext(n: number) {
      failures = n;
    },
    async append(cases: readonly ScoredCase[]) {
      await gate;
      if (failures > 0) {
        failures--;
        throw new Error('disk full');
      }
      batches.push([...cases]);
    },
  };
  return log as typeof log & AuditLog;
}

describe('the audit queue', () => {
  it('writes every case in batches, one record per case with its inputs as scored', async () => {
    const log = memoryLog();
    const queue = new AuditQueue(auditLogSink(log, { owned: false }), {
      capacity: 1000,
      batchSize: 4,
      flushMs: 10,
    });
    queue.offer(entry('a', 3));
    queue.offer(entry('b', 3));
    queue.offer(entry('c', 1));
    await queue.flush();
    expect(log.batches.map((b) => b.length)).toEqual([4, 3]);
    const all = log.batches.flat();
    expect(all.map((c) => `${c.requestId}:${c.row}`)).toEqual([
      'a:0',
      'a:1',
      'a:2',
      'b:0',
      'b:1',
      'b:2',
      'c:0',
    ]);
    expect(all[4]).toEqual({
      requestId: 'b',
      row: 1,
      caseId: 'b-1',
      modelName: 'm',
      modelVersion: '1',
      inputs: { total_outcome_dollar_amount: 1, total_income_dollar_amount: null, risk_pld: 'LOW' },
      score: 0.01,
      time: 1000,
      caller: 'key-1',
      // The second part of request b (split across two batches) keeps the client's id too.
      clientRequestId: 'client-b',
    });
    expect(all[6]!.clientRequestId).toBeNull();
    expect([queue.depth, queue.written, queue.dropped]).toEqual([0, 7, 0]);
  });

  it('writes a small batch after flushMs without being asked', async () => {
    const log = memoryLog();
    const queue = new AuditQueue(auditLogSink(log, { owned: false }), {
      capacity: 1000,
      batchSize: 100,
      flushMs: 20,
    });
    queue.offer(entry('a', 2));
    expect(log.batches).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(log.batches.map((b) => b.length)).toEqual([2]);
  });

  it('counts and reports the cases it drops when full, never losing them silently', async () => {
    const log = memoryLog();
    log.hold();
    const problems: { kind: string; cases: number }[] = [];
    const queue = new AuditQueue(auditLogSink(log, { owned: false }), {
      capacity: 5,
      batchSize: 2,
      flushMs: 1,
      onProblem: (p) => problems.push({ kind: p.kind, cases: p.cases }),
    });
    expect(queue.offer(entry('a', 2))).toBe(true); // taken by the (held) writer at once, still waiting
    expect(queue.offer(entry('b', 3))).toBe(true);
    expect(queue.offer(entry('c', 1))).toBe(false);
    expect(queue.dropped).toBe(1);
    expect(problems).toEqual([{ kind: 'dropped', cases: 1 }]);
    log.release();
    await queue.flush();
    expect(queue.written).toBe(5);
    expect(queue.offer(entry('d', 2))).toBe(true);
    await queue.flush();
    expect(log.batches.flat().map((c) => c.requestId)).toEqual(['a', 'a', 'b', 'b', 'b', 'd', 'd']);
  });

  it('retries a failed write, and counts the cases of a batch that fails three times', async () => {
    const log = memoryLog();
    const problems: string[] = [];
    const queue = new AuditQueue(auditLogSink(log, { owned: false }), {
      capacity: 100,
      batchSize: 10,
      flushMs: 1,
      onProblem: (p) => problems.push(p.kind),
    });
    log.failNext(2);
    queue.offer(entry('a', 3));
    await queue.flush();
    expect([queue.written, queue.failed]).toEqual([3, 0]);
    log.failNext(3);
    queue.offer(entry('b', 2));
    await queue.flush();
    expect([queue.written, queue.failed]).toEqual([3, 2]);
    expect(problems).toEqual([
      'write-failed',
      'write-failed',
      'write-failed',
      'write-failed',
      'write-failed',
      'dropped',
    ]);
  });

  it('refuses cases when full instead of dropping them, and keeps a failing batch until it is written (whenFull: refuse)', async () => {
    const log = memoryLog();
    const problems: string[] = [];
    const queue = new AuditQueue(auditLogSink(log, { owned: false }), {
      capacity: 4,
      batchSize: 2,
      flushMs: 1,
      whenFull: 'refuse',
      onProblem: (p) => problems.push(p.kind),
    });
    log.failNext(5);
    expect(queue.offer(entry('a', 2))).toBe(true);
    expect(queue.offer(entry('b', 2))).toBe(true);
    expect(queue.offer(entry('c', 1))).toBe(false);
    expect([queue.refused, queue.dropped]).toEqual([1, 0]);
    await queue.flush();
    // Five failed attempts at the first batch, then everything is written; nothing was given up.
    expect([queue.written, queue.failed, queue.dropped]).toEqual([4, 0, 0]);
    expect(problems).toEqual(Array(5).fill('write-failed'));
    expect(log.batches.flat().map((c) => c.requestId)).toEqual(['a', 'a', 'b', 'b']);
  });

  it('gives a failing batch three attempts once it is closing, even when it refuses (the store may never come back)', async () => {
    const log = memoryLog();
    const queue = new AuditQueue(auditLogSink(log, { owned: false }), {
      capacity: 10,
      batchSize: 10,
      flushMs: 1000,
      whenFull: 'refuse',
    });
    log.failNext(1000);
    queue.offer(entry('a', 2));
    await queue.close();
    expect([queue.written, queue.failed]).toEqual([0, 2]);
  });

  it('with flushMs 0 and a sink that writes at once, writes each request before offer returns; a refused write goes through the queue', async () => {
    const written: string[] = [];
    let refuse = false;
    const sink = {
      async write(batch: AuditBatch) {
        written.push(...batch.requestIds.map((id) => `queued:${id}`));
      },
      writeNow(batch: AuditBatch) {
        if (refuse) throw new Error('spool full');
        written.push(...batch.requestIds.map((id) => `now:${id}`));
      },
      async close() {},
    };
    const problems: string[] = [];
    const queue = new AuditQueue(sink, {
      capacity: 100,
      batchSize: 10,
      flushMs: 0,
      onProblem: (p) => problems.push(p.kind),
    });
    expect(queue.offer(entry('a', 3))).toBe(true);
    expect(written).toEqual(['now:a']);
    refuse = true;
    expect(queue.offer(entry('b', 2))).toBe(true);
    refuse = false;
    // One request waits in the queue: the next goes behind it, in order.
    expect(queue.offer(entry('c', 1))).toBe(true);
    await queue.flush();
    expect(written).toEqual(['now:a', 'queued:b', 'queued:c']);
    expect([queue.written, queue.depth, queue.failed]).toEqual([6, 0, 0]);
    expect(problems).toEqual(['write-failed']);
  });
});
