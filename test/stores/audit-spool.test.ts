import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openAuditSpoolSink } from '../../src/adapters/spool/audit-spool-sink.js';
import { spoolDirOf } from '../../src/adapters/spool/spool-files.js';
import { decodeSpoolRecords, encodeSpoolRecord } from '../../src/adapters/spool/spool-frame.js';
import { SpoolIngest } from '../../src/adapters/spool/spool-ingest.js';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { openAuditStoreWriter } from '../../src/adapters/sql/audit-open-writer.js';
import { openCaseStore } from '../../src/adapters/sql/open-case-store.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { openAuditSpoolWriter } from '../../src/adapters/threads/audit-spool-writer.js';
import type { AuditLog } from '../../src/ports/audit-log.js';
import type { AuditBatch } from '../../src/ports/audit-sink.js';
import { ALERT_THRESHOLD_TAGS } from '../../src/services/recorded-alert-threshold.js';
import { auditRequest } from '../support/audit-batch.js';
import { freshPostgresDatabase } from './fresh-postgres-database.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'amlops-spool-'));
  dirs.push(dir);
  return dir;
}

/** A pid no process has now: one of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

/** Resolves once `done()` holds; fails after 10 s. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every case the log holds, as `requestId/row`, oldest first. */
async function keysOf(log: AuditLog): Promise<string[]> {
  return (await log.list({ maxResults: 100_000 })).items.map((c) => `${c.requestId}/${c.row}`).reverse();
}

/** A batch with its typed arrays as plain ones, to compare with one as built. */
function asArrays(batch: AuditBatch): AuditBatch {
  return Object.fromEntries(
    Object.entries(batch).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]),
  ) as unknown as AuditBatch;
}

/** A spool record as versions before this one wrote it: the batch serialized as it is. */
function olderRecord(batch: object): Buffer {
  const payload = serialize(batch);
  const header = Buffer.alloc(8);
  header.writeUInt32LE(0x414d4c41, 0);
  header.writeUInt32LE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('spool records', () => {
  it('read back as written, NaN and nulls kept, and stop before a record still being written', () => {
    const one = auditRequest('a', 3);
    const two = auditRequest('b', 2, 5);
    const bytes = Buffer.concat([encodeSpoolRecord(one), encodeSpoolRecord(two)]);
    const whole = decodeSpoolRecords(bytes);
    expect(whole.records.map((r) => asArrays(r.batch))).toEqual([one, two]);
    expect(whole.consumed).toBe(bytes.length);
    expect(whole.records[0]!.batch.numeric[1]).toBeNaN();

    const cut = decodeSpoolRecords(bytes.subarray(0, bytes.length - 3));
    expect(cut.records).toHaveLength(1);
    expect(cut.consumed).toBe(whole.records[0]!.end);
    expect(cut.damaged).toBeUndefined();
  });

  it("read a record written before the client's X-Request-Id was kept as one with none", () => {
    const { clientRequestIds: _, ...older } = auditRequest('old', 2);
    const [record] = decodeSpoolRecords(olderRecord(older)).records;
    expect(record!.batch).toEqual({ ...older, clientRequestIds: [null] });
  });

  it('read a record written before numbers were typed arrays and shared values written once', () => {
    const batch = { ...auditRequest('x', 2), modelVersions: ['3'], callers: ['key-7'] };
    const [record] = decodeSpoolRecords(olderRecord(batch)).records;
    expect(record!.batch).toEqual(batch);
  });

  it('read a record as the version before this format wrote it: V8, typed arrays, shared values once', () => {
    const batch = auditRequest('v8', 3);
    const { modelNames, modelVersions, callers, ...rest } = batch;
    const packed = {
      ...rest,
      times: Float64Array.from(batch.times),
      firstRows: Int32Array.from(batch.firstRows),
      caseCounts: Int32Array.from(batch.caseCounts),
      schemaOf: Int32Array.from(batch.schemaOf),
      scores: Float64Array.from(batch.scores),
      numeric: Float64Array.from(batch.numeric),
      shared: { modelNames: modelNames[0], modelVersions: modelVersions[0], callers: callers[0] },
    };
    const bytes = Buffer.concat([olderRecord(packed), encodeSpoolRecord(auditRequest('now', 2))]);
    const { records, damaged } = decodeSpoolRecords(bytes);
    expect(damaged).toBeUndefined();
    expect(records.map((r) => asArrays(r.batch))).toEqual([batch, auditRequest('now', 2)]);
  });

  it('say which record is damaged when its text claims more bytes than it has', () => {
    const good = encodeSpoolRecord(auditRequest('a', 1));
    const bad = Buffer.from(encodeSpoolRecord(auditRequest('b', 1)));
    bad.writeUInt32LE(bad.length, 8);
    const decoded = decodeSpoolRecords(Buffer.concat([good, bad]));
    expect(decoded.records).toHaveLength(1);
    expect(decoded.consumed).toBe(good.length);
    expect(decoded.damaged).toMatch(
      new RegExp(`^the record at byte ${good.length} cannot be read: its text claims`),
    );
  });

  it('join consecutive records into batches of at least the cases asked for, each ending where its last record does', () => {
    const batches = [
      auditRequest('a', 3),
      auditRequest('b', 2, 5),
      auditRequest('c', 4),
      auditRequest('d', 1),
    ];
    const encoded = batches.map((b) => encodeSpoolRecord(b));
    const ends = encoded.map((_, i) => encoded.slice(0, i + 1).reduce((sum, r) => sum + r.length, 0));
    const { records, consumed } = decodeSpoolRecords(Buffer.concat(encoded), 5);
    expect(records.map((r) => r.end)).toEqual([ends[1], ends[3]]);
    expect(consumed).toBe(ends[3]);
    expect(records[0]!.batch.requestIds).toEqual(['a', 'b']);
    expect(records[0]!.batch.firstRows).toEqual([0, 5]);
    expect(records[1]!.batch.scores).toEqual([
      ...Array.from(batches[2]!.scores),
      ...Array.from(batches[3]!.scores),
    ]);
    // One schema object for the records' identical columns.
    expect(records[1]!.batch.schemas).toHaveLength(1);
    expect(records[1]!.batch.schemaOf).toEqual([0, 0]);
  });

  it('say which record is damaged when its parts count other cases than it holds, and keep the ones before', () => {
    const good = encodeSpoolRecord(auditRequest('a', 2));
    const bad = encodeSpoolRecord({ ...auditRequest('b', 2), caseCounts: [3] });
    const decoded = decodeSpoolRecords(Buffer.concat([good, bad]), 100);
    expect(decoded.records.map((r) => r.batch.requestIds)).toEqual([['a']]);
    expect(decoded.consumed).toBe(good.length);
    expect(decoded.damaged).toBe(
      `the record at byte ${good.length} cannot be read: its parts count 3 cases and it holds 2`,
    );
  });

  it('keep per-part values that differ between the parts of a record', () => {
    const a = auditRequest('a', 1);
    const batch: AuditBatch = {
      ...a,
      requestIds: ['a', 'b'],
      modelNames: ['m', 'm'],
      modelVersions: ['3', '4'],
      callers: ['key-7', 'key-8'],
      clientRequestIds: [null, 'c'],
      times: [1, 2],
      firstRows: [0, 0],
      caseCounts: [1, 0],
      schemaOf: [0, 0],
    };
    const [record] = decodeSpoolRecords(encodeSpoolRecord(batch)).records;
    expect(asArrays(record!.batch)).toEqual(batch);
  });

  it('say where a file is damaged', () => {
    const record = encodeSpoolRecord(auditRequest('a', 1));
    const bytes = Buffer.concat([record, Buffer.from('not a record at all')]);
    const decoded = decodeSpoolRecords(bytes);
    expect(decoded.records).toHaveLength(1);
    expect(decoded.damaged).toBe(`no record starts at byte ${record.length}`);
  });
});

describe('the spool sink of a serving worker', () => {
  it('appends to its .open file, starts a new file past rotateBytes and finishes its files as .spool', async () => {
    const dir = join(await tempDir(), 'spool');
    const record = encodeSpoolRecord(auditRequest('r', 10)).length;
    const sink = openAuditSpoolSink({ dir, maxBytes: 100 * record, rotateBytes: 2 * record });
    for (let i = 0; i < 5; i++) sink.append(auditRequest('r', 10));
    const during = readdirSync(dir).sort();
    expect(during.map((f) => f.slice(f.lastIndexOf('.')))).toEqual(['.spool', '.spool', '.open']);
    expect(during[0]).toMatch(new RegExp(`^${hostname()}~${process.pid}~\\d+~000000\\.spool$`));
    await sink.close();
    expect(readdirSync(dir).every((f) => f.endsWith('.spool'))).toBe(true);
    expect(() => sink.append(auditRequest('late', 1))).toThrow(/closed/);
  });

  it('refuses a batch (AUDIT_UNAVAILABLE, retry after 1 s) while its files not yet written hold maxBytes, and takes them again once written', async () => {
    const dir = join(await tempDir(), 'spool');
    const record = encodeSpoolRecord(auditRequest('r', 10)).length;
    const sink = openAuditSpoolSink({ dir, maxBytes: 3 * record, rotateBytes: record });
    for (let i = 0; i < 3; i++) sink.append(auditRequest('r', 10));
    expect(() => sink.append(auditRequest('r', 10))).toThrow(
      expect.objectContaining({ code: 'AUDIT_UNAVAILABLE', details: { retryAfterSeconds: 1 } }),
    );
    expect(sink.backlogBytes).toBe(3 * record);
    const writer = await openAuditStoreWriter(`sqlite:${join(await tempDir(), 'amlops.db')}`);
    await new SpoolIngest({ dir, host: hostname(), writer }).pass();
    expect(sink.backlogBytes).toBe(0);
    sink.append(auditRequest('r', 10));
    await sink.close();
    await writer.close();
  });

  it('finishes a file that took no record for idleFinishMs, so that once written the backlog reads 0', async () => {
    const dir = join(await tempDir(), 'spool');
    const record = encodeSpoolRecord(auditRequest('r', 10)).length;
    const sink = openAuditSpoolSink({ dir, maxBytes: 100 * record, idleFinishMs: 40 });
    sink.append(auditRequest('r', 10));
    const url = `sqlite:${join(await tempDir(), 'amlops.db')}`;
    const writer = await openAuditStoreWriter(url);
    const ingest = new SpoolIngest({ dir, host: hostname(), writer });
    // Written while still open: the file stays, and counts whole.
    await ingest.pass();
    expect(sink.backlogBytes).toBe(record);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(
      readdirSync(dir)
        .map((f) => f.slice(f.lastIndexOf('.')))
        .sort(),
    ).toEqual(['.open', '.spool']);
    await ingest.pass();
    expect(sink.backlogBytes).toBe(0);
    // Appends go on in the next file; an idle empty file is left as it is.
    sink.append(auditRequest('s', 10));
    expect(sink.backlogBytes).toBe(record);
    await sink.close();
    await ingest.pass();
    expect(readdirSync(dir)).toEqual([]);
    await writer.close();
    // Each case once: the file read while open was not read again once finished.
    const log = await openAuditLog(url);
    const keys = await keysOf(log);
    await log.close();
    expect(keys).toHaveLength(20);
    expect(new Set(keys).size).toBe(20);
  });
});

function ingestSuite(name: string, databaseUrl: () => Promise<string>) {
  describe(`the spool writer on ${name}`, () => {
    it('writes every case of every file once, with its inputs, and removes the finished files and their checkpoints', async () => {
      const url = await databaseUrl();
      const log = await openAuditLog(url);
      const writer = await openAuditStoreWriter(url);
      const dir = join(await tempDir(), 'spool');
      const sink = openAuditSpoolSink({ dir, maxBytes: 2 ** 30 });
      sink.append(auditRequest('a', 3));
      const ingest = new SpoolIngest({ dir, host: hostname(), writer });
      // The file is still open: what is written so far is read, the file stays.
      expect(await ingest.pass()).toEqual({ worked: true, backlogBytes: 0 });
      sink.append(auditRequest('b', 2, 4));
      await sink.close();
      await ingest.pass();
      expect(readdirSync(dir)).toEqual([]);
      expect(await ingest.pass()).toEqual({ worked: false, backlogBytes: 0 });
      expect(await keysOf(log)).toEqual(['a/0', 'a/1', 'a/2', 'b/4', 'b/5']);
      const a0 = await log.findCase({ requestId: 'a', row: 0 });
      expect(a0?.inputs).toEqual({
        total_outcome_dollar_amount: 100,
        total_income_dollar_amount: null,
        risk_pld: null,
      });
      expect(a0?.clientRequestId).toBe('client-a');
      expect((await log.list({ clientRequestId: 'client-b' })).items.map((c) => c.row)).toEqual([5, 4]);
      expect(ingest.written).toBe(5);
      await writer.close();
      await log.close();
    });

    it("writes the records of a spool file from before the client's X-Request-Id was kept, with none", async () => {
      const url = await databaseUrl();
      const log = await openAuditLog(url);
      const writer = await openAuditStoreWriter(url);
      const dir = join(await tempDir(), 'spool');
      const sink = openAuditSpoolSink({ dir, maxBytes: 2 ** 30 });
      const { clientRequestIds: _, ...older } = auditRequest('older', 2);
      sink.append(older as AuditBatch);
      sink.append(auditRequest('newer', 1));
      await sink.close();
      await new SpoolIngest({ dir, host: hostname(), writer }).pass();
      const cases = (await log.list()).items;
      expect(cases.map((c) => [c.requestId, c.row, c.clientRequestId])).toEqual([
        ['newer', 0, 'client-newer'],
        ['older', 1, null],
        ['older', 0, null],
      ]);
      await writer.close();
      await log.close();
    });

    it('tells how many bytes are left while a pass goes on', async () => {
      const url = await databaseUrl();
      const log = await openAuditLog(url);
      const writer = await openAuditStoreWriter(url);
      const dir = join(await tempDir(), 'spool');
      const sink = openAuditSpoolSink({ dir, maxBytes: 2 ** 30, rotateBytes: 1 });
      for (let i = 0; i < 3; i++) sink.append(auditRequest(`p${i}`, 1500));
      await sink.close();
      const total = readdirSync(dir).reduce((sum, f) => sum + readFileSync(join(dir, f)).length, 0);
      const told: number[] = [];
      const pass = await new SpoolIngest({ dir, host: hostname(), writer }).pass((bytes) => told.push(bytes));
      // Listed, then one append per file (1500 cases each).
      expect(told).toHaveLength(4);
      expect(told[0]).toBe(total);
      expect(told.every((bytes, i) => i === 0 || bytes < told[i - 1]!)).toBe(true);
      expect(told.at(-1)).toBe(0);
      expect(pass.backlogBytes).toBe(0);
      await writer.close();
      await log.close();
    });

    it('resumes after a failed or interrupted writer at its checkpoint: no case lost, none twice', async () => {
      const url = await databaseUrl();
      const log = await openAuditLog(url);
      const writer = await openAuditStoreWriter(url);
      const dir = join(await tempDir(), 'spool');
      const sink = openAuditSpoolSink({ dir, maxBytes: 2 ** 30 });
      sink.append(auditRequest('first', 2));
      await new SpoolIngest({ dir, host: hostname(), writer }).pass();
      sink.append(auditRequest('second', 2));
      const failing = {
        appendCases: writer.appendCases,
        append: () => Promise.reject(new Error('the store went away')),
        checkpointOf: (source: string) => writer.checkpointOf(source),
        forgetCheckpoint: (source: string) => writer.forgetCheckpoint(source),
        ping: () => writer.ping(),
        close: async () => {},
      };
      await expect(new SpoolIngest({ dir, host: hostname(), writer: failing }).pass()).rejects.toThrow(
        'the store went away',
      );
      sink.append(auditRequest('third', 1));
      await sink.close();
      // A new writer (a restarted primary) knows nothing but the checkpoints in the store.
      await new SpoolIngest({ dir, host: hostname(), writer }).pass();
      expect(await keysOf(log)).toEqual(['first/0', 'first/1', 'second/0', 'second/1', 'third/0']);
      expect(readdirSync(dir)).toEqual([]);
      await writer.close();
      await log.close();
    });

    it('reads the next records while an append runs, and after a failed one goes on from the last written: each case once', async () => {
      const url = await databaseUrl();
      const writer = await openAuditStoreWriter(url);
      const dir = join(await tempDir(), 'spool');
      const sink = openAuditSpoolSink({ dir, maxBytes: 2 ** 30 });
      // 60 requests of 1000 cases: several appends, over more than one read of the file.
      for (let r = 0; r < 60; r++) sink.append(auditRequest(`r${r}`, 1000));
      await sink.close();
      let appends = 0;
      const slowThenFailing = {
        ...writer,
        // Whatever the store's own size: three appends of this file.
        appendCases: 20_000,
        append: async (batches: readonly AuditBatch[], checkpoint: { source: string; position: number }) => {
          appends += 1;
          // The second append is still running while the next records are decoded, then fails.
          await new Promise((resolve) => setTimeout(resolve, 50));
          if (appends === 2) throw new Error('the store went away');
          await writer.append(batches, checkpoint);
        },
      };
      const ingest = new SpoolIngest({ dir, host: hostname(), writer: slowThenFailing });
      await expect(ingest.pass()).rejects.toThrow('the store went away');
      expect(ingest.written).toBe(20_000);
      // The same ingest, once the store is back: the rest, and the first append's cases not again.
      await ingest.pass();
      expect(readdirSync(dir)).toEqual([]);
      await writer.close();
      const database = await openSqlDatabase(url);
      try {
        const { rows } = await sql<{
          cases: unknown;
          requests: unknown;
        }>`select coalesce(sum(cases), 0) as cases,
          count(distinct request_id) as requests from audit_parts`.execute(database.db);
        expect(rows.map((r) => [Number(r.cases), Number(r.requests)])).toEqual([[60_000, 60]]);
      } finally {
        await database.close();
      }
    });

    it('opens each alerted case once across writers that fail before or die after committing', async () => {
      const url = await databaseUrl();
      const database = await openSqlDatabase(url);
      await database.db
        .insertInto('model_version_tags')
        .values({
          name: 'consumers-laundering-model',
          version: 3,
          key: ALERT_THRESHOLD_TAGS.value,
          value: '0.5',
        })
        .execute();
      await database.close();
      const writer = await openAuditStoreWriter(url);
      const cases = await openCaseStore(url);
      const dir = join(await tempDir(), 'spool');
      const sink = openAuditSpoolSink({ dir, maxBytes: 2 ** 30 });
      // Scores 0, 0.1 … 0.9 a request: rows 5 to 9 are alerted, each with a subject of its own.
      for (const id of ['one', 'two', 'three']) sink.append(auditRequest(id, 10));
      await sink.close();
      const failsBefore = { ...writer, append: () => Promise.reject(new Error('the store went away')) };
      // The transaction committed, then the process died before it knew: the checkpoint says where.
      const diesAfter = {
        ...writer,
        append: async (...args: Parameters<typeof writer.append>) => {
          await writer.append(...args);
          throw new Error('killed after the commit');
        },
      };
      await expect(new SpoolIngest({ dir, host: hostname(), writer: failsBefore }).pass()).rejects.toThrow();
      await expect(new SpoolIngest({ dir, host: hostname(), writer: diesAfter }).pass()).rejects.toThrow();
      await new SpoolIngest({ dir, host: hostname(), writer }).pass();
      const opened = (await cases.list({ maxResults: 100 })).items.map((c) => `${c.requestId}#${c.row}`);
      expect(opened.sort()).toEqual(
        ['one', 'two', 'three'].flatMap((id) => [5, 6, 7, 8, 9].map((row) => `${id}#${row}`)).sort(),
      );
      await writer.close();
      await cases.close();
    });

    it("adopts the spool folder of a server that is gone, and writes a dead worker's open file up to its last whole record", async () => {
      const url = await databaseUrl();
      const log = await openAuditLog(url);
      const writer = await openAuditStoreWriter(url);
      const home = await tempDir();
      const gone = spoolDirOf(home, hostname(), deadPid());
      const sink = openAuditSpoolSink({ dir: gone, maxBytes: 2 ** 30 });
      sink.append(auditRequest('orphan', 2));
      // The worker died in the middle of a record: its file is still `.open`, its pid gone.
      const open = readdirSync(gone)[0]!;
      const worker = deadPid();
      const renamed = open.replace(`~${process.pid}~`, `~${worker}~`);
      renameSync(join(gone, open), join(gone, renamed));
      appendFileSync(join(gone, renamed), encodeSpoolRecord(auditRequest('torn', 1)).subarray(0, 20));

      const mine = spoolDirOf(home, hostname(), process.pid);
      mkdirSync(mine, { recursive: true });
      const problems: string[] = [];
      const ingest = new SpoolIngest({
        dir: mine,
        host: hostname(),
        writer,
        onProblem: (p) => problems.push(p),
      });
      await ingest.adoptOrphans();
      expect(existsSync(gone)).toBe(false);
      expect(readdirSync(mine)).toEqual([renamed]);
      await ingest.pass();
      expect(await keysOf(log)).toEqual(['orphan/0', 'orphan/1']);
      expect(readdirSync(mine)).toEqual([]);
      expect(problems).toEqual([`${renamed} ends with 20 bytes of an incomplete record`]);
      await writer.close();
      await log.close();
    });

    it('reports a damaged file, writes the records before the damage and removes it once finished', async () => {
      const url = await databaseUrl();
      const log = await openAuditLog(url);
      const writer = await openAuditStoreWriter(url);
      const dir = join(await tempDir(), 'spool');
      const sink = openAuditSpoolSink({ dir, maxBytes: 2 ** 30 });
      sink.append(auditRequest('before', 1));
      await sink.close();
      const file = readdirSync(dir)[0]!;
      const good = readFileSync(join(dir, file)).length;
      appendFileSync(join(dir, file), Buffer.alloc(64, 7));
      const problems: string[] = [];
      const ingest = new SpoolIngest({ dir, host: hostname(), writer, onProblem: (p) => problems.push(p) });
      await ingest.pass();
      expect(await keysOf(log)).toEqual(['before/0']);
      expect(problems).toEqual([
        `${file} is damaged: no record starts at byte ${good}; the records after it are not written`,
      ]);
      expect(ingest.damaged).toBe(1);
      expect(readdirSync(dir)).toEqual([]);
      await writer.close();
      await log.close();
    });
  });
}

ingestSuite('SQLite', async () => `sqlite:${join(await tempDir(), 'amlops.db')}`);
ingestSuite('PostgreSQL', () => freshPostgresDatabase(inject('postgresUrl')));

describe('the spool writer thread', () => {
  it('writes what the spool holds on close and removes its folder', async () => {
    const url = `sqlite:${join(await tempDir(), 'amlops.db')}`;
    const dir = spoolDirOf(await tempDir(), hostname(), process.pid);
    mkdirSync(dir, { recursive: true });
    const writer = await openAuditSpoolWriter({ dir, databaseUrl: url, pollMs: 50 });
    const sink = openAuditSpoolSink({ dir, maxBytes: 2 ** 30 });
    for (let i = 0; i < 10; i++) sink.append(auditRequest(`t${i}`, 100));
    await sink.close();
    await writer.close();
    expect(existsSync(dir)).toBe(false);
    const log = await openAuditLog(url);
    expect(await keysOf(log)).toHaveLength(1000);
    await log.close();
  });

  it('lets records wait in the spool while the machine is busy, up to deferBytes or until asked to write them', async () => {
    const url = `sqlite:${join(await tempDir(), 'amlops.db')}`;
    const dir = spoolDirOf(await tempDir(), hostname(), process.pid);
    mkdirSync(dir, { recursive: true });
    const recordBytes = encodeSpoolRecord(auditRequest('w0', 100)).length;
    // busyAtLeast 0: the machine counts as busy whatever its load.
    const writer = await openAuditSpoolWriter({
      dir,
      databaseUrl: url,
      pollMs: 20,
      deferBytes: 3.5 * recordBytes,
      busyAtLeast: 0,
    });
    const sink = openAuditSpoolSink({ dir, maxBytes: 2 ** 30 });
    for (let i = 0; i < 3; i++) sink.append(auditRequest(`w${i}`, 100));
    await until(() => writer.status.backlogBytes === 3 * recordBytes);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(writer.status).toMatchObject({ written: 0, backlogBytes: 3 * recordBytes });
    writer.writeNow(); // feedback waits for a case just scored
    await until(() => writer.status.written === 300);
    for (let i = 3; i < 6; i++) sink.append(auditRequest(`w${i}`, 100));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(writer.status.written).toBe(300);
    sink.append(auditRequest('w6', 100)); // past deferBytes: written, busy or not
    await until(() => writer.status.written === 700);
    sink.append(auditRequest('w7', 100));
    await sink.close();
    await writer.close(); // nothing waits on close
    const log = await openAuditLog(url);
    expect(await keysOf(log)).toHaveLength(800);
    await log.close();
  });

  it('drains: resolves once every record appended before the call is in the store, busy or not', async () => {
    const url = `sqlite:${join(await tempDir(), 'amlops.db')}`;
    const dir = spoolDirOf(await tempDir(), hostname(), process.pid);
    mkdirSync(dir, { recursive: true });
    // Records would wait (the machine always counts as busy, room for a gigabyte), and passes are a minute apart.
    const writer = await openAuditSpoolWriter({
      dir,
      databaseUrl: url,
      pollMs: 60_000,
      deferBytes: 2 ** 30,
      busyAtLeast: 0,
    });
    const sink = openAuditSpoolSink({ dir, maxBytes: 2 ** 30 });
    for (let i = 0; i < 20; i++) sink.append(auditRequest(`d${i}`, 500));
    await writer.drain();
    const log = await openAuditLog(url);
    expect(await keysOf(log)).toHaveLength(10_000);
    expect(writer.status).toMatchObject({ written: 10_000, backlogBytes: 0 });
    await sink.close();
    await writer.close();
    await log.close();
  });
});
