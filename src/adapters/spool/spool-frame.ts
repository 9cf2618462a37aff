import { deserialize, serialize } from 'node:v8';
import type { AuditBatch } from '../../ports/audit-sink.js';

/** Marks the start of every record, so that a damaged file is recognised as such. */
const MAGIC = 0x414d4c41; // 'AMLA'
const HEADER = 8;
/** No batch comes near this; a larger length means the file is damaged. */
const MAX_PAYLOAD = 256 * 1024 * 1024;

/**
 * An audit batch as one record of a spool file: a 4-byte mark, the payload's length (4 bytes,
 * little-endian), then the batch serialized by V8 (NaN amounts and nulls kept, no JSON text). The
 * payload is the batch object, its fields by name: a field added to `AuditBatch` is written
 * without a new format, and `decodeSpoolRecords` gives records written before it a default. Its
 * numbers are written as typed arrays (one copy each, not a value at a time), and a model name,
 * version or caller that every part shares once (`SharedFields`): reading a record back took
 * a fifth of the audit writer's time at one case per request (docs/benchmarks.md).
 *
 * @example
 * writeSync(fd, encodeSpoolRecord(batch));
 */
export function encodeSpoolRecord(batch: AuditBatch): Buffer {
  const payload = serialize(packed(batch));
  const record = Buffer.allocUnsafe(HEADER + payload.length);
  record.writeUInt32LE(MAGIC, 0);
  record.writeUInt32LE(payload.length, 4);
  payload.copy(record, HEADER);
  return record;
}

/** The records read from the start of some bytes of a spool file. */
export interface SpoolRecords {
  /** Each whole record's batch, and the offset (in the bytes given) just after it. */
  readonly records: readonly { readonly batch: AuditBatch; readonly end: number }[];
  /** Bytes of whole records; the rest is a record still being written (or cut short). */
  readonly consumed: number;
  /** Set when the bytes at `consumed` are not a record: the file is damaged from there on. */
  readonly damaged?: string;
}

/**
 * Reads the whole records at the start of `bytes`, stopping at an incomplete one (a writer may be
 * appending it) or at damage, which it describes.
 *
 * @example
 * const { records, consumed } = decodeSpoolRecords(chunk);
 */
export function decodeSpoolRecords(bytes: Buffer): SpoolRecords {
  const records: { batch: AuditBatch; end: number }[] = [];
  let at = 0;
  while (bytes.length - at >= HEADER) {
    if (bytes.readUInt32LE(at) !== MAGIC)
      return { records, consumed: at, damaged: `no record starts at byte ${at}` };
    const length = bytes.readUInt32LE(at + 4);
    if (length > MAX_PAYLOAD)
      return { records, consumed: at, damaged: `the record at byte ${at} claims ${length} bytes` };
    const end = at + HEADER + length;
    if (end > bytes.length) break;
    let batch: AuditBatch;
    try {
      batch = withDefaults(deserialize(bytes.subarray(at + HEADER, end)) as AuditBatch);
    } catch (error) {
      return {
        records,
        consumed: at,
        damaged: `the record at byte ${at} cannot be read: ${(error as Error).message}`,
      };
    }
    records.push({ batch, end });
    at = end;
  }
  return { records, consumed: at };
}

/** The per-part text fields a record may write once, when every part has the same value. */
const SHARED = ['modelNames', 'modelVersions', 'callers'] as const;

/** The values `SHARED` fields had in every part of a record (absent in records written before it). */
type SharedFields = Partial<Record<(typeof SHARED)[number], string>>;

/** A batch as a spool record holds it: its numbers as typed arrays, shared values once. */
function packed(batch: AuditBatch): object {
  const shared: SharedFields = {};
  const record: Record<string, unknown> = {
    ...batch,
    times: Float64Array.from(batch.times),
    firstRows: Int32Array.from(batch.firstRows),
    caseCounts: Int32Array.from(batch.caseCounts),
    schemaOf: Int32Array.from(batch.schemaOf),
    scores: Float64Array.from(batch.scores),
    numeric: Float64Array.from(batch.numeric),
    shared,
  };
  for (const field of SHARED) {
    const values = batch[field];
    const first = values[0];
    if (first !== undefined && values.every((v) => v === first)) {
      shared[field] = first;
      delete record[field];
    }
  }
  return record;
}

/**
 * A batch as read, with the fields a record written by an earlier version lacks: a server upgraded
 * while its workers' spool files still wait (or adopting those of a crashed one) writes them too.
 * A value written once for every part is given to each again.
 */
function withDefaults(read: AuditBatch & { shared?: SharedFields }): AuditBatch {
  const { shared, ...batch } = read as AuditBatch & { shared?: SharedFields } & Record<string, unknown>;
  const parts = batch.requestIds.length;
  if (shared)
    for (const field of SHARED) {
      const value = shared[field];
      if (value !== undefined) batch[field] = new Array<string>(parts).fill(value);
    }
  // Before issue 16 a client's X-Request-Id was not kept apart: none for those records.
  if (batch.clientRequestIds === undefined) batch.clientRequestIds = new Array<null>(parts).fill(null);
  return batch as AuditBatch;
}
