/** How the labels of a dataset are spread. */
export interface LabelSummary {
  /** Rows with label 0 (the negative conclusion). */
  readonly negative: number;
  /** Rows with label 1. */
  readonly positive: number;
  /** Rows with an empty conclusion. */
  readonly missing: number;
  /** `positive / (negative + positive)`, or 0 without labelled rows. */
  readonly positiveRate: number;
  /** Rows per conclusion value, most frequent first. */
  readonly byValue: Readonly<Record<string, number>>;
}
