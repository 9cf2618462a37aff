import type { CellExample } from './cell-sample.js';

/**
 * Renders example cells for a message: where each sits in the file and, when given, its text
 * (cut at 40 characters).
 *
 * @example
 * formatExamples([{ row: 3, position: 5, text: 'abc' }], 'line'); // "line 5 'abc'"
 */
export function formatExamples(
  examples: readonly Pick<CellExample, 'position' | 'text'>[],
  kind: 'line' | 'row',
  withText = true,
): string {
  return examples
    .map((e) => {
      if (!withText) return `${kind} ${e.position}`;
      const shown = e.text.length > 40 ? `${e.text.slice(0, 40)}…` : e.text;
      return `${kind} ${e.position} '${shown}'`;
    })
    .join(', ');
}
