import type { RawRecords } from '../../../core/dataset/index.js';
import type { Column } from '../../../core/frame/column.js';
import { csvField } from './csv-field.js';
import { TextBuffer } from './text-buffer.js';
import { writeFileAtomically } from './write-file-atomically.js';

const ROWS_PER_CHUNK = 65_536;
const COMMA = 44;
const LF = 10;

/**
 * Writes columns as a CSV file: a header, then one line per row; numbers in their shortest exact
 * form, a missing value as an empty field, text quoted only when needed. Rows are encoded
 * straight into a reused byte buffer, a chunk at a time, so that a million rows take well under
 * a second and no string is built per row.
 *
 * @example
 * await writeCsv('/tmp/cases.csv', frame.columns, frame.rowCount);
 */
export async function writeCsv(
  path: string,
  columns: readonly Column[],
  rowCount: number,
  onProgress?: (rowsWritten: number) => void,
): Promise<void> {
  await writeCsvLines(
    path,
    rowCount,
    columns,
    (text) => text.text(columns.map((c) => csvField(c.name)).join(',')),
    undefined,
    onProgress,
  );
}

/**
 * Writes a CSV file whose rows are `records` (a CSV table's own bytes, copied unchanged) followed
 * by `extra` columns: what `amlops score` writes, without decoding the input's cells.
 *
 * @example
 * await writeCsvRecords('/tmp/scored.csv', table.records, table.rowCount, [prediction]);
 */
export async function writeCsvRecords(
  path: string,
  records: RawRecords,
  rowCount: number,
  extra: readonly Column[],
  onProgress?: (rowsWritten: number) => void,
): Promise<void> {
  await writeCsvLines(
    path,
    rowCount,
    extra,
    (text) => {
      text.bytes(records.header);
      for (const column of extra) text.text(`,${csvField(column.name)}`);
    },
    (text, row) => text.bytes(records.record(row)),
    onProgress,
  );
}

/**
 * The one loop both writers share: the header line, then per row the `prefix` (if any) and the
 * cells of `columns`, comma-separated, encoded into a reused buffer written a chunk at a time.
 */
async function writeCsvLines(
  path: string,
  rowCount: number,
  columns: readonly Column[],
  header: (text: TextBuffer) => void,
  prefix: ((text: TextBuffer, row: number) => void) | undefined,
  onProgress?: (rowsWritten: number) => void,
): Promise<void> {
  const text = new TextBuffer();
  const cells = columns.map((column) => cellEncoder(column, text));
  await writeFileAtomically(path, async (file) => {
    header(text);
    text.byte(LF);
    for (let start = 0; start < rowCount; start += ROWS_PER_CHUNK) {
      const end = Math.min(rowCount, start + ROWS_PER_CHUNK);
      for (let i = start; i < end; i++) {
        prefix?.(text, i);
        for (let c = 0; c < cells.length; c++) {
          if (c > 0 || prefix) text.byte(COMMA);
          cells[c]!(i);
        }
        text.byte(LF);
      }
      await file.write(text.view());
      text.reset();
      onProgress?.(end);
    }
    if (text.length > 0) await file.write(text.view());
  });
}

function cellEncoder(column: Column, text: TextBuffer): (row: number) => void {
  switch (column.kind) {
    case 'numeric': {
      const values = column.values;
      return (i) => {
        const v = values[i]!;
        if (!Number.isNaN(v)) text.number(v);
      };
    }
    case 'categorical': {
      const codes = column.codes;
      const encoder = new TextEncoder();
      const fields = column.categories.map((c) => encoder.encode(csvField(c)));
      return (i) => {
        const code = codes[i]!;
        if (code >= 0) text.bytes(fields[code]!);
      };
    }
    case 'text': {
      const values = column.values;
      return (i) => {
        const v = values[i];
        if (v != null) text.csvText(v);
      };
    }
  }
}
