/**
 * One column of a file as read, before any typing: cells are text, or values of the file's own
 * types (Parquet, JSON) that read as text. Readers implement it over their own storage so that
 * no per-cell object is made until a cell is asked for.
 */
export interface RawColumn {
  readonly name: string;
  readonly length: number;
  /** The cell as text; `''` for an empty or null cell. */
  text(row: number): string;
  /**
   * The cell as a number when it is a finite number or strictly numeric text (see
   * `parseNumericText`); `NaN` otherwise, empty cells included (ask `text` to tell them apart).
   */
  number(row: number): number;
  /**
   * Optional fast dictionary encoding: distinct non-empty texts in order of first appearance and
   * each row's index into them (`-1` for empty). `encodeRawColumn` falls back to `text`.
   */
  encode?(): { readonly codes: Int32Array; readonly values: readonly string[] };
  /**
   * Optional cheaper encoding when few of the texts are ever read (ids in a quality report): the
   * same codes as `encode`, the number of distinct texts, and a code's text made on demand.
   */
  encodeLazily?(): { readonly codes: Int32Array; readonly distinct: number; text(code: number): string };
}

/** A table as read from a file: named raw columns of one length, and where each row was. */
export interface RawTable {
  readonly columns: readonly RawColumn[];
  readonly rowCount: number;
  /** `'line'` when `position` is a 1-based line of a text file (CSV header = line 1), `'row'` otherwise. */
  readonly positionKind: 'line' | 'row';
  /** Where row `row` (0-based) sits in the file: its 1-based line or row number. */
  position(row: number): number;
  /** The header and rows as the file's own bytes, when the format keeps them (CSV), to copy them out unchanged. */
  readonly records?: RawRecords;
}

/** A text table's header and rows as bytes of the file, without their line ends. */
export interface RawRecords {
  readonly header: Uint8Array;
  record(row: number): Uint8Array;
}
