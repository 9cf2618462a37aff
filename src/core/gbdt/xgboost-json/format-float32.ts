import { AmlopsError } from '../../errors/index.js';

/**
 * The shortest decimal that reads back as the same float32, always with a `.` or an exponent so that
 * XGBoost's JSON reader takes it as a float (a bare `1` would be an integer).
 *
 * @example
 * formatFloat32(0.1); // "0.1"
 * formatFloat32(2);   // "2.0"
 */
export function formatFloat32(value: number): string {
  const f = Math.fround(value);
  if (!Number.isFinite(f)) {
    throw new AmlopsError(
      'INTERNAL',
      `cannot write ${value} into an XGBoost model file: it is not a finite float32`,
    );
  }
  if (f === 0) return Object.is(f, -0) ? '-0.0' : '0.0';
  let text = '';
  for (let digits = 1; digits <= 9; digits++) {
    text = String(Number(f.toPrecision(digits)));
    if (Math.fround(Number(text)) === f) break;
  }
  return /[.e]/.test(text) ? text : `${text}.0`;
}
