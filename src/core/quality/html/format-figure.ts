/**
 * A number as a report shows it: integers with thousands separators, others with 4 significant
 * digits, compact (1.2k, 3.4M) when asked, and '—' for nothing.
 *
 * @example
 * formatFigure(1234567); // '1,234,567'
 * formatFigure(1234567, { compact: true }); // '1.23M'
 * formatFigure(0.123456); // '0.1235'
 */
export function formatFigure(
  value: number | null | undefined,
  options: { readonly compact?: boolean } = {},
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const magnitude = Math.abs(value);
  if (options.compact && magnitude >= 1000) {
    for (const [size, suffix] of [
      [1e12, 'T'],
      [1e9, 'G'],
      [1e6, 'M'],
      [1e3, 'k'],
    ] as const)
      if (magnitude >= size) return `${Number((value / size).toPrecision(3))}${suffix}`;
  }
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e15)) return value.toExponential(3);
  return String(Number(value.toPrecision(4)));
}

/**
 * A share as a percentage with one decimal.
 *
 * @example
 * formatShare(0.1234); // '12.3%'
 */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(1)}%`;
}
