import { endianness } from 'node:os';
import { deserialize } from 'node:v8';
import type { AuditBatch } from '../../ports/audit-sink.js';
import { JoinedBatch, type RecordTexts } from './joined-batch.js';

/** Marks the start of a record as written from this version on (texts as JSON, numbers as bytes). */
const MAGIC = 0x414d4c4a; // 'AMLJ'
/** Marks the start of a record as versions before wrote it (the batch serialized by V8): still read. */
const MAGIC_V8 = 0x414d4c41; // 'AMLA'
const HEADER = 8;
/** No batch comes near this; a larger length means the file is damaged. */
const MAX_PAYLOAD = 256 * 1024 * 1024;
/** Numbers are written little-endian whatever the machine (`Buffer#swap64` where it is not). */
const BIG_ENDIAN = endianness() === 'BE';

/**
 * An audit batch as one record of a spool file: a 4-byte mark, the payload's length (4 bytes,
 * little-endian), then the payload: the byte length of a JSON text (4 bytes), that text (the
 * batch's texts by field name, a model name, version or caller every part shares once), then
 * the batch's numbers as little-endian doubles (NaN amounts kept): per part its time, first row,
 * case count and schema, per case its score, then every numeric input. A field added to
 * `AuditBatch` goes in the JSON text without a new format, and `decodeSpoolRecords` gives records
 * written before it a default. One JSON text and one copy of bytes per record: with V8's
 * serialization, which earlier versions wrote, reading a record back cost more than its cases did
 * (a record is a turn of a serving process's event loop, a few cases under one-case traffic), and
 * writing one took 2.8 times as long (docs/benchmarks.md).
 *
 * @example
 * writeSync(fd, encodeSpoolRecord(batch));
 */
export function encodeSpoolRecord(batch: AuditBatch): Buffer {
  const parts = batch.requestIds.length;
  const cases = batch.scores.length;
  const numbers = new Float64Array(4 * parts + cases + batch.numeric.length);
  numbers.set(batch.times, 0);
  numbers.set(batch.firstRows, parts);
  numbers.set(batch.caseCounts, 2 * parts);
  numbers.set(batch.schemaOf, 3 * parts);
  numbers.set(batch.scores, 4 * parts);
  numbers.set(batch.numeric, 4 * parts + cases);
  const bytes = Buffer.from(numbers.buffer);
  if (BIG_ENDIAN) bytes.swap64();
  const text = JSON.stringify(texts(batch));
  const textBytes = Buffer.byteLength(text);
  const payload = 4 + textBytes + bytes.length;
  const record = Buffer.allocUnsafe(HEADER + payload);
  record.writeUInt32LE(MAGIC, 0);
  record.writeUInt32LE(payload, 4);
  record.writeUInt32LE(textBytes, HEADER);
  record.write(text, HEADER + 4, 'utf8');
  bytes.copy(record, HEADER + 4 + textBytes);
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
 * appending it) or at damage, which it describes. Consecutive records are joined into one batch of
 * at least `joinCases` cases (the last one may hold fewer), whose `end` is its last record's:
 * the audit writer appends thousands of cases at a time (`JoinedBatch`).
 *
 * @example
 * const { records, consumed } = decodeSpoolRecords(chunk, 20_000);
 */
export function decodeSpoolRecords(bytes: Buffer, joinCases = 1): SpoolRecords {
  const records: { batch: AuditBatch; end: number }[] = [];
  const joined = new JoinedBatch();
  let joinedEnd = 0;
  const flush = () => {
    if (joinedEnd === 0) return;
    records.push({ batch: joined.take(), end: joinedEnd });
    joinedEnd = 0;
  };
  /** Where a record's numbers are copied to be read (one array, grown to the largest record). */
  let numbers = new Float64Array(256);
  let at = 0;
  let damaged: string | undefined;
  while (bytes.length - at >= HEADER) {
    const magic = bytes.readUInt32LE(at);
    if (magic !== MAGIC && magic !== MAGIC_V8) {
      damaged = `no record starts at byte ${at}`;
      break;
    }
    const length = bytes.readUInt32LE(at + 4);
    if (length > MAX_PAYLOAD) {
      damaged = `the record at byte ${at} claims ${length} bytes`;
      break;
    }
    const end = at + HEADER + length;
    if (end > bytes.length) break;
    try {
      const payload = bytes.subarray(at + HEADER, end);
      if (magic === MAGIC_V8) joined.addBatch(deserialize(payload) as AuditBatch);
      else {
        const textBytes = payload.readUInt32LE(0);
        const numbersAt = 4 + textBytes;
        const numberBytes = payload.length - numbersAt;
        if (numberBytes < 0 || numberBytes % 8 !== 0)
          throw new Error(`its text claims ${textBytes} of its ${payload.length} bytes`);
        const texts = JSON.parse(payload.toString('utf8', 4, numbersAt)) as RecordTexts;
        const count = numberBytes / 8;
        if (count > numbers.length) numbers = new Float64Array(Math.max(count, 2 * numbers.length));
        const view = Buffer.from(numbers.buffer, 0, numberBytes);
        payload.copy(view, 0, numbersAt);
        if (BIG_ENDIAN) view.swap64();
        joined.addRecord(texts, numbers, count);
      }
    } catch (error) {
      damaged = `the record at byte ${at} cannot be read: ${(error as Error).message}`;
      break;
    }
    at = end;
    joinedEnd = end;
    if (joined.cases >= joinCases) flush();
  }
  flush();
  return damaged === undefined ? { records, consumed: at } : { records, consumed: at, damaged };
}

/** The per-part text fields a record may write once, when every part has the same value. */
const SHARED = ['modelNames', 'modelVersions', 'callers'] as const;

/** The values `SHARED` fields had in every part of a record (absent in records written before it). */
type SharedFields = Partial<Record<(typeof SHARED)[number], string>>;

/** The texts of a batch as a record's JSON text holds them: shared values once. */
function texts(batch: AuditBatch): object {
  const shared: SharedFields = {};
  const record: Record<string, unknown> = {
    schemas: batch.schemas,
    requestIds: batch.requestIds,
    clientRequestIds: batch.clientRequestIds,
    caseIds: batch.caseIds,
    categorical: batch.categorical,
    shared,
  };
  for (const field of SHARED) {
    const values = batch[field];
    const first = values[0];
    if (first !== undefined && values.every((v) => v === first)) shared[field] = first;
    else record[field] = values;
  }
  return record;
}
