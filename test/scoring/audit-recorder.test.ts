import { describe, expect, it } from 'vitest';
import { AmlopsError } from '../../src/core/errors/index.js';
import { parsePredictBody } from '../../src/core/scoring/parse-predict-body.js';
import { scoringContract } from '../../src/core/scoring/scoring-contract.js';
import { validateScoringInput } from '../../src/core/scoring/validate-scoring-input.js';
import type { AuditBatch, AuditSink } from '../../src/ports/audit-sink.js';
import type { AuditEntry } from '../../src/services/audit-entry.js';
import { AuditRecorder } from '../../src/services/audit-recorder.js';
import { trainTestBundle } from './scoring-test-kit.js';

const contract = scoringContract(trainTestBundle({ trees: 1 }));

function entry(requestId: string, rows: number): AuditEntry {
  const body = {
    total_outcome_dollar_amount: Array.from({ length: rows }, (_, i) => i),
    total_income_dollar_amount: Array.from({ length: rows }, () => null),
    risk_pld: Array.from({ length: rows }, () => 'LOW'),
  };
  const input = validateScoringInput(parsePredictBody(body).input, contract, 1e6);
  return {
    requestId,
    modelName: 'm',
    modelVersion: '1',
    time: 1000,
    caller: '',
    clientRequestId: null,
    contract,
    input,
    scores: Float64Array.from({ length: rows }, (_, i) => i / 100),
  };
}

/** A sink in memory that counts its appends and syncs, and refuses while `full`. */
function memorySink() {
  const appended: AuditBatch[] = [];
  const sink = {
    appended,
    syncs: 0,
    full: false,
    closed: false,
    append(batch: AuditBatch) {
      if (sink.full)
        throw new AmlopsError('AUDIT_UNAVAILABLE', 'the backlog is full', { retryAfterSeconds: 1 });
      appended.push(structuredClone(batch));
    },
    backlogBytes: 0,
    sync() {
      sink.syncs += 1;
    },
    async close() {
      sink.closed = true;
    },
  };
  return sink satisfies AuditSink;
}

describe('the audit recorder', () => {
  it('appends the requests of one turn of the event loop together, once, and resolves each only then', async () => {
    const sink = memorySink();
    const recorder = new AuditRecorder(sink, { fsyncMs: 1000 });
    let resolved = 0;
    const all = ['a', 'b', 'c'].map((id, i) => recorder.record(entry(id, i + 1)).then(() => resolved++));
    expect(sink.appended).toHaveLength(0);
    expect(resolved).toBe(0);
    await Promise.all(all);
    expect(sink.appended).toHaveLength(1);
    expect(sink.appended[0]!.requestIds).toEqual(['a', 'b', 'c']);
    expect(sink.appended[0]!.scores).toHaveLength(6);
    expect(recorder.written).toBe(6);
    // A later request is a group of its own.
    await recorder.record(entry('d', 1));
    expect(sink.appended).toHaveLength(2);
    await recorder.close();
    expect(sink.closed).toBe(true);
  });

  it('refuses every request of a group the sink refuses, counts them, and records the next group once there is room', async () => {
    const sink = memorySink();
    const told: number[] = [];
    const recorder = new AuditRecorder(sink, { fsyncMs: 1000, onRefused: (_, cases) => told.push(cases) });
    sink.full = true;
    const outcomes = await Promise.allSettled([
      recorder.record(entry('a', 2)),
      recorder.record(entry('b', 1)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({
      code: 'AUDIT_UNAVAILABLE',
      details: { retryAfterSeconds: 1 },
    });
    expect([recorder.refused, recorder.written, told]).toEqual([3, 0, [3]]);
    sink.full = false;
    await recorder.record(entry('c', 1));
    expect(recorder.written).toBe(1);
    await recorder.close();
  });

  it('flushes the sink to the disk before answering with fsyncMs 0, and on close', async () => {
    const sink = memorySink();
    const recorder = new AuditRecorder(sink, { fsyncMs: 0 });
    await recorder.record(entry('a', 1));
    expect(sink.syncs).toBe(1);
    await recorder.close();
    expect(sink.syncs).toBe(2);
    await expect(recorder.record(entry('late', 1))).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
  });
});
