import type { CategoricalColumn } from '../frame/index.js';

/** Label of a row whose target is missing: neither class; validation refuses such rows. */
export const UNKNOWN_LABEL = 255;

/**
 * Derives the binary label from the conclusion column, as the original did: 1 when the conclusion
 * is not `negativeValue`, 0 when it is, and `UNKNOWN_LABEL` when the conclusion is missing (the
 * original counted those as 1; here validation refuses them).
 *
 * @example
 * deriveLabels({ kind: 'categorical', name: 'conclusion', codes: Int32Array.of(0, 1, -1),
 *   categories: ['CLOSED_NO_ROI', 'CLOSED_WITH_ROI'] }, 'CLOSED_NO_ROI');
 * // Uint8Array [0, 1, 255]
 */
export function deriveLabels(target: CategoricalColumn, negativeValue: string): Uint8Array {
  const byCode = Uint8Array.from(target.categories, (value) => (value === negativeValue ? 0 : 1));
  const n = target.codes.length;
  const labels = new Uint8Array(n);
  for (let row = 0; row < n; row++) {
    const code = target.codes[row]!;
    labels[row] = code < 0 ? UNKNOWN_LABEL : byCode[code]!;
  }
  return labels;
}
