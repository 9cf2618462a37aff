import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AuditBatch } from '../../ports/audit-sink.js';
import type { AuditStoreWriter } from '../../ports/audit-store-writer.js';
import { AUDIT_PART_COLUMNS, AuditRows } from './audit-part-text.js';
import { ensureAuditPartitions } from './audit-partitions.js';
import { postgresCaseOpener } from './postgres-case-opener.js';
import type { CaseOpeningOptions } from './sqlite-case-opener.js';

/**
 * Text handed to COPY at a time, and made one such chunk ahead of what COPY has sent: PostgreSQL
 * parses one while the writer makes the next. Made 16 chunks of a megabyte ahead (a stream's
 * default), an append's whole text was made before the server had much to do, and the writer then
 * waited for it: one-case traffic wrote about a sixth slower (docs/benchmarks.md).
 */
const CHUNK_CHARS = 1 << 18;
const CHUNKS_AHEAD = 1;
/** Characters COPY's text format gives a meaning: escaped in values. */
const SPECIAL = /[\\\t\n\r]/;

/** A value as COPY's text format reads it: `\N` for null, backslash escapes for the rest. */
function copyText(value: string | null): string {
  if (value === null) return '\\N';
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/**
 * A JSON text as COPY's text format reads it: JSON writes tabs, newlines and carriage returns in
 * strings as escapes, so only its backslashes need one more.
 */
function copyJson(value: string | null): string {
  if (value === null) return '\\N';
  return value.includes('\\') ? value.replaceAll('\\', '\\\\') : value;
}

/** `input_names` as COPY reads it: the same few texts again and again, each escaped once. */
const copiedNames = new Map<string, string>();

function copyNames(names: string | null): string {
  if (names === null) return '\\N';
  let copied = copiedNames.get(names);
  if (copied === undefined) {
    copied = copyText(names);
    if (copiedNames.size < 1000) copiedNames.set(names, copied);
  }
  return copied;
}

/** The rows of `batches` (request parts and groups of one-case requests) as COPY text, in chunks of about `CHUNK_CHARS`. */
function* copyChunks(batches: readonly AuditBatch[]): Generator<string> {
  let text = '';
  const chunks: string[] = [];
  const rows = new AuditRows((row) => {
    // `scores` holds numbers, `requests` UUIDs and commas: nothing COPY would read as escapes.
    // `input_names` is reused per schema, escaped once.
    text += `${copyText(row.requestId)}\t${row.firstRow}\t${row.cases}\t${copyText(row.caseId)}\t${copyJson(row.caseIds)}\t${copyText(row.modelName)}\t${copyText(row.modelVersion)}\t${copyNames(row.inputNames)}\t${copyJson(row.inputs)}\t${row.scores}\t${row.time}\t${copyText(row.caller)}\t${copyText(row.clientRequestId)}\t${row.requests ?? '\\N'}\n`;
    if (text.length >= CHUNK_CHARS) {
      chunks.push(text);
      text = '';
    }
  });
  for (const batch of batches) {
    rows.add(batch);
    yield* chunks.splice(0);
  }
  rows.finish();
  yield* chunks.splice(0);
  if (text) yield text;
}

/**
 * The audit writer of a PostgreSQL store: a connection of its own, each append one transaction of
 * a `COPY … FROM STDIN` (text format) of the batches' request parts (a row each), the cases they open for the analysts
 * (`postgresCaseOpener`) and the spool file's checkpoint, into the audit table's monthly partitions
 * (made first when new).
 *
 * @example
 * const writer = await openPostgresAuditWriter('postgres://amlops@127.0.0.1/amlops', { sampleRate: 0.02 });
 * await writer.append(batches, { source, position });
 */
export async function openPostgresAuditWriter(
  url: string,
  cases: CaseOpeningOptions = {},
): Promise<AuditStoreWriter> {
  // Loaded on first use: the embedded (SQLite) deployment never needs the PostgreSQL driver.
  const require = createRequire(import.meta.url);
  const pg = require('pg') as typeof import('pg');
  const { from: copyFrom } = require('pg-copy-streams') as typeof import('pg-copy-streams');
  type Client = InstanceType<typeof pg.Client>;
  let current: Client | undefined;
  /** The writer's connection, opened again after one was lost (the store restarted or was away). */
  const connection = async (): Promise<Client> => {
    if (current) return current;
    const client = new pg.Client({ connectionString: url });
    // A lost connection is reported by the query that meets it; unlistened, it would end the process.
    client.on('error', () => undefined);
    await client.connect();
    current = client;
    return client;
  };
  /** Runs `work` on the connection; a failure drops it, so that the next call opens another. */
  const withConnection = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = await connection();
    try {
      return await work(client);
    } catch (error) {
      if (current === client) current = undefined;
      await client.end().catch(() => undefined);
      throw error;
    }
  };
  await connection();
  const copy = `copy audit_parts (${AUDIT_PART_COLUMNS.join(', ')}) from stdin`;
  /** The monthly partitions of the audit table this writer has made sure of. */
  const partitions = new Set<string>();
  const opener = postgresCaseOpener(cases);
  return {
    // Each commit waits for the server's WAL flush: 100,000 cases per transaction instead of 20,000
    // wrote one-case traffic about a fifth faster (npm run bench:audit, docs/benchmarks.md).
    appendCases: 100_000,
    append: (batches, checkpoint) =>
      withConnection(async (client) => {
        // Outside the transaction: a partition made stays made, whatever becomes of the append.
        await ensureAuditPartitions(
          (text) => client.query(text),
          batches.flatMap((b) => Array.from(b.times)),
          partitions,
        );
        const openings = await opener.openingsOf(client, batches);
        await client.query('begin');
        try {
          await pipeline(
            Readable.from(copyChunks(batches), { highWaterMark: CHUNKS_AHEAD }),
            client.query(copyFrom(copy)),
          );
          await opener.open(client, openings);
          await client.query(
            'insert into audit_spool_checkpoints (source, position) values ($1, $2) on conflict (source) do update set position = excluded.position',
            [checkpoint.source, checkpoint.position],
          );
          await client.query('commit');
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          throw error;
        }
      }),
    checkpointOf: (source) =>
      withConnection(async (client) => {
        const { rows } = await client.query<{ position: string }>(
          'select position from audit_spool_checkpoints where source = $1',
          [source],
        );
        return rows[0] ? Number(rows[0].position) : undefined;
      }),
    forgetCheckpoint: (source) =>
      withConnection(async (client) => {
        await client.query('delete from audit_spool_checkpoints where source = $1', [source]);
      }),
    ping: () =>
      withConnection(async (client) => {
        await client.query('select 1');
      }),
    async close() {
      await current?.end().catch(() => undefined);
      current = undefined;
    },
  };
}
