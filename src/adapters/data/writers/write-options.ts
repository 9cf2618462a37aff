import type { Column } from '../../../core/frame/column.js';

/** Options shared by the table writers. */
export interface WriteTableOptions {
  /** Columns written after the frame's (scores, true probabilities), each with the frame's row count. */
  readonly extraColumns?: readonly Column[];
  /** Called as rows are written (with the count so far), for progress bars. */
  readonly onProgress?: (rowsWritten: number) => void;
}
