import type { AuditBatch, AuditSchema } from '../../ports/audit-sink.js';

/** The texts of a spool record (its JSON text), before values every part shares are repeated. */
export interface RecordTexts {
  readonly schemas: readonly AuditSchema[];
  readonly requestIds: readonly string[];
  readonly modelNames?: readonly string[];
  readonly modelVersions?: readonly string[];
  readonly callers?: readonly string[];
  /** Absent in records written before issue 16: none then. */
  readonly clientRequestIds?: readonly (string | null)[];
  readonly caseIds: readonly (string | null)[];
  readonly categorical: readonly (string | null)[];
  /** A model name, version or caller that every part has, written once. */
  readonly shared?: {
    readonly modelNames?: string;
    readonly modelVersions?: string;
    readonly callers?: string;
  };
}

/**
 * Consecutive spool records joined into one batch as they are decoded: the audit writer appends
 * thousands of cases at a time, and a record, written per turn of a serving process's event loop,
 * holds a few under one-case traffic. One batch of plain arrays costs less than an object and six
 * typed arrays per record (docs/benchmarks.md), and its schemas are one object per set of
 * columns, so that the writers look a schema's column names up once per run of parts.
 *
 * @example
 * const joined = new JoinedBatch();
 * joined.addBatch(older);
 * joined.addRecord(texts, numbers);
 * writer.append([joined.take()], checkpoint);
 */
/** A batch being joined: its arrays grow as records are added. */
function emptyBatch() {
  return {
    schemas: [] as AuditSchema[],
    requestIds: [] as string[],
    modelNames: [] as string[],
    modelVersions: [] as string[],
    callers: [] as string[],
    clientRequestIds: [] as (string | null)[],
    times: [] as number[],
    firstRows: [] as number[],
    caseCounts: [] as number[],
    schemaOf: [] as number[],
    scores: [] as number[],
    caseIds: [] as (string | null)[],
    numeric: [] as number[],
    categorical: [] as (string | null)[],
  } satisfies AuditBatch;
}

export class JoinedBatch {
  #batch = emptyBatch();
  /** The batch's schema numbers by their columns' names. */
  #schemaIndex = new Map<string, number>();
  /** The number of the schema the last record had. */
  #lastSchema = -1;

  /** Cases joined so far. */
  get cases(): number {
    return this.#batch.scores.length;
  }

  /**
   * Adds a record as `encodeSpoolRecord` writes it: its texts, and the first `count` of `numbers`
   * (per part its time, first row, case count and schema; per case its score; then the numeric
   * inputs). Throws, adding nothing, when they do not fit together (a damaged record).
   */
  addRecord(texts: RecordTexts, numbers: Float64Array, count: number): void {
    const parts = texts.requestIds.length;
    const cases = texts.caseIds.length;
    checkRecord(texts, numbers, count);
    const schemas = texts.schemas.map((s) => this.#schemaNumber(s));
    const b = this.#batch;
    this.#push(b.requestIds, texts.requestIds);
    this.#pushShared(b.modelNames, texts.modelNames, texts.shared?.modelNames, parts);
    this.#pushShared(b.modelVersions, texts.modelVersions, texts.shared?.modelVersions, parts);
    this.#pushShared(b.callers, texts.callers, texts.shared?.callers, parts);
    if (texts.clientRequestIds) this.#push(b.clientRequestIds, texts.clientRequestIds);
    else for (let i = 0; i < parts; i++) b.clientRequestIds.push(null);
    for (let i = 0; i < parts; i++) {
      b.times.push(numbers[i]!);
      b.firstRows.push(numbers[parts + i]!);
      b.caseCounts.push(numbers[2 * parts + i]!);
      b.schemaOf.push(schemas[numbers[3 * parts + i]!]!);
    }
    for (let i = 4 * parts; i < 4 * parts + cases; i++) b.scores.push(numbers[i]!);
    for (let i = 4 * parts + cases; i < count; i++) b.numeric.push(numbers[i]!);
    this.#push(b.caseIds, texts.caseIds);
    this.#push(b.categorical, texts.categorical);
  }

  /** Adds a batch read whole (a record written by V8's serializer, before `addRecord`'s format). */
  addBatch(batch: AuditBatch & { readonly shared?: RecordTexts['shared'] }): void {
    const parts = batch.requestIds.length;
    const numbers = new Float64Array(4 * parts + batch.scores.length + batch.numeric.length);
    numbers.set(batch.times, 0);
    numbers.set(batch.firstRows, parts);
    numbers.set(batch.caseCounts, 2 * parts);
    numbers.set(batch.schemaOf, 3 * parts);
    numbers.set(batch.scores, 4 * parts);
    numbers.set(batch.numeric, 4 * parts + batch.scores.length);
    this.addRecord(batch, numbers, numbers.length);
  }

  /** The batch joined so far; starts the next. */
  take(): AuditBatch {
    const batch = this.#batch;
    this.#batch = emptyBatch();
    this.#schemaIndex = new Map();
    this.#lastSchema = -1;
    return batch;
  }

  /** The joined batch's number for a record's schema: one per set of columns. */
  #schemaNumber(schema: AuditSchema): number {
    if (!Array.isArray(schema?.numericColumns) || !Array.isArray(schema.categoricalColumns))
      throw new Error('a schema lacks its columns');
    // Most records have the columns of the record before.
    const last = this.#batch.schemas[this.#lastSchema];
    if (
      last &&
      sameNames(last.numericColumns, schema.numericColumns) &&
      sameNames(last.categoricalColumns, schema.categoricalColumns)
    )
      return this.#lastSchema;
    const key = `${schema.numericColumns.join('\u0000')}\u0001${schema.categoricalColumns.join('\u0000')}`;
    let found = this.#schemaIndex.get(key);
    if (found === undefined) {
      found = this.#batch.schemas.length;
      this.#batch.schemas.push(schema);
      this.#schemaIndex.set(key, found);
    }
    this.#lastSchema = found;
    return found;
  }

  #push<T>(into: T[], values: readonly T[]): void {
    for (let i = 0; i < values.length; i++) into.push(values[i]!);
  }

  #pushShared(
    into: string[],
    values: readonly string[] | undefined,
    shared: string | undefined,
    parts: number,
  ): void {
    if (values) this.#push(into, values);
    else for (let i = 0; i < parts; i++) into.push(shared!);
  }
}

/** Throws unless a record's texts and numbers fit together: the writers index one by the other. */
function checkRecord(texts: RecordTexts, numbers: Float64Array, count: number): void {
  for (const field of ['schemas', 'requestIds', 'caseIds', 'categorical'] as const)
    if (!Array.isArray(texts[field])) throw new Error(`its ${field} are not a list`);
  const schemas = texts.schemas.length;
  const parts = texts.requestIds.length;
  const cases = texts.caseIds.length;
  if (count < 4 * parts + cases || count > numbers.length)
    throw new Error(`it holds ${count} numbers for ${parts} parts and ${cases} cases`);
  for (const field of ['modelNames', 'modelVersions', 'callers'] as const) {
    const values = texts[field];
    if (values ? values.length !== parts : texts.shared?.[field] === undefined)
      throw new Error(`its ${field} do not match its ${parts} parts`);
  }
  if (texts.clientRequestIds && texts.clientRequestIds.length !== parts)
    throw new Error(`its clientRequestIds do not match its ${parts} parts`);
  let counted = 0;
  for (let i = 0; i < parts; i++) {
    const schema = numbers[3 * parts + i]!;
    if (!(Number.isInteger(schema) && schema >= 0 && schema < schemas))
      throw new Error(`part ${i} names schema ${schema} of ${schemas}`);
    counted += numbers[2 * parts + i]!;
  }
  if (counted !== cases) throw new Error(`its parts count ${counted} cases and it holds ${cases}`);
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
