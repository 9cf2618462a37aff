import type { Column } from '../../../core/frame/column.js';
import { TextBuffer } from './text-buffer.js';
import { writeFileAtomically } from './write-file-atomically.js';

const ROWS_PER_CHUNK = 65_536;
const encoder = new TextEncoder();
const NULL = encoder.encode('null');
const CLOSE = 125; // }
const LF = 10;

/**
 * Writes columns as JSON Lines: one object per row, keys in column order, a missing value as
 * `null`, numbers as JSON numbers (a non-finite number is written as `null`). Rows are encoded
 * straight into a reused byte buffer, a chunk at a time.
 *
 * @example
 * await writeJsonLines('/tmp/cases.jsonl', frame.columns, frame.rowCount);
 */
export async function writeJsonLines(
  path: string,
  columns: readonly Column[],
  rowCount: number,
  onProgress?: (rowsWritten: number) => void,
): Promise<void> {
  const text = new TextBuffer();
  const keys = columns.map((c, index) =>
    encoder.encode(`${index === 0 ? '{' : ','}${JSON.stringify(c.name)}:`),
  );
  const cells = columns.map((column) => valueEncoder(column, text));
  await writeFileAtomically(path, async (file) => {
    for (let start = 0; start < rowCount; start += ROWS_PER_CHUNK) {
      const end = Math.min(rowCount, start + ROWS_PER_CHUNK);
      for (let i = start; i < end; i++) {
        if (cells.length === 0) text.byte(123);
        for (let c = 0; c < cells.length; c++) {
          text.bytes(keys[c]!);
          cells[c]!(i);
        }
        text.byte(CLOSE);
        text.byte(LF);
      }
      await file.write(text.view());
      text.reset();
      onProgress?.(end);
    }
  });
}

function valueEncoder(column: Column, text: TextBuffer): (row: number) => void {
  switch (column.kind) {
    case 'numeric': {
      const values = column.values;
      return (i) => {
        const v = values[i]!;
        if (Number.isFinite(v)) text.number(v);
        else text.bytes(NULL);
      };
    }
    case 'categorical': {
      const codes = column.codes;
      const literals = column.categories.map((c) => encoder.encode(JSON.stringify(c)));
      return (i) => {
        const code = codes[i]!;
        text.bytes(code < 0 ? NULL : literals[code]!);
      };
    }
    case 'text': {
      const values = column.values;
      return (i) => {
        const v = values[i];
        if (v == null) text.bytes(NULL);
        else text.text(JSON.stringify(v));
      };
    }
  }
}
