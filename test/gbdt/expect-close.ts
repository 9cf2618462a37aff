import { expect } from 'vitest';

/**
 * Asserts two score vectors agree to `relative` (1e-6 by default) of the larger of the value and
 * `floor`; the floor keeps values that should be 0 from demanding an impossible relative precision.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  relative = 1e-6,
  floor = 1e-6,
): void {
  expect(actual.length).toBe(expected.length);
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (!(Math.abs(a - e) <= relative * Math.max(Math.abs(e), floor))) bad.push(`[${i}] ${a} vs ${e}`);
  }
  expect(bad.slice(0, 5), `${bad.length} of ${expected.length} values differ`).toEqual([]);
}
