import type { RawTable } from '../../../core/dataset/index.js';
import { parseJsonLines } from './parse-json-lines.js';
import { readFileBytes } from './read-file-bytes.js';

/**
 * Reads a local JSON Lines file (`.jsonl`, `.ndjson`, or gzipped) into a raw table.
 *
 * @example
 * const table = await readJsonLines('cases.jsonl');
 */
export async function readJsonLines(path: string): Promise<RawTable> {
  return parseJsonLines((await readFileBytes(path)).toString('utf8'), path);
}
