/** One cell shown as an example in a finding: its 0-based row, its position in the file, its text. */
export interface CellExample {
  readonly row: number;
  readonly position: number;
  readonly text: string;
}

/** How many cells had a problem, and the first few of them. */
export interface CellSample {
  count: number;
  readonly examples: CellExample[];
}

/** How many examples a finding keeps. */
export const EXAMPLE_LIMIT = 5;

/** An empty sample. */
export function emptySample(): CellSample {
  return { count: 0, examples: [] };
}

/**
 * Counts a problem cell into `sample`, keeping it as an example while fewer than `EXAMPLE_LIMIT`.
 *
 * @example
 * const sample = emptySample();
 * addToSample(sample, 3, 5, 'abc'); // sample.count === 1
 */
export function addToSample(sample: CellSample, row: number, position: number, text: string): void {
  sample.count++;
  if (sample.examples.length < EXAMPLE_LIMIT) sample.examples.push({ row, position, text });
}
