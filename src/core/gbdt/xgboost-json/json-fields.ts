import { AmlopsError } from '../../errors/index.js';

/** A parsed JSON object whose fields are read one by one and checked. */
export type JsonObject = { readonly [key: string]: unknown };

function invalid(path: string, expected: string, value: unknown): AmlopsError {
  const got = value === undefined ? 'nothing' : Array.isArray(value) ? 'an array' : JSON.stringify(value);
  const shown = got.length > 60 ? `${got.slice(0, 57)}...` : got;
  return new AmlopsError('MODEL_FILE_INVALID', `${path} must be ${expected}; got ${shown}`, { path });
}

/**
 * Readers for the fields of an XGBoost model file. Each throws MODEL_FILE_INVALID naming the
 * field's path and what was expected, so that a bad file is refused with a message a person can act on.
 *
 * @example
 * const learner = jsonFields.object(root.learner, 'learner');
 */
export const jsonFields = {
  object(value: unknown, path: string): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw invalid(path, 'an object', value);
    return value as JsonObject;
  },

  string(value: unknown, path: string): string {
    if (typeof value !== 'string') throw invalid(path, 'a string', value);
    return value;
  },

  /** XGBoost writes parameters as strings ("13", "5E-1"); a one-element "[5E-1]" is XGBoost 2's vector form. */
  numberString(value: unknown, path: string): number {
    const text = jsonFields.string(value, path).trim();
    const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1).trim() : text;
    const parsed = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(inner) ? Number(inner) : Number.NaN;
    if (!Number.isFinite(parsed)) throw invalid(path, 'a number written as a string', value);
    return parsed;
  },

  intString(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const parsed = jsonFields.numberString(value, path);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw invalid(path, `an integer string between ${min} and ${max}`, value);
    }
    return parsed;
  },

  integer(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw invalid(path, `an integer between ${min} and ${max}`, value);
    }
    return value;
  },

  array(value: unknown, path: string, length?: number): readonly unknown[] {
    if (!Array.isArray(value)) throw invalid(path, 'an array', value);
    if (length !== undefined && value.length !== length) {
      throw new AmlopsError('MODEL_FILE_INVALID', `${path} has ${value.length} entries; expected ${length}`, {
        path,
      });
    }
    return value;
  },

  int32Array(value: unknown, path: string, length: number): Int32Array {
    const items = jsonFields.array(value, path, length);
    const out = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const item = items[i];
      if (typeof item !== 'number' || !Number.isInteger(item) || item < -2147483648 || item > 2147483647) {
        throw invalid(`${path}[${i}]`, 'a 32-bit integer', item);
      }
      out[i] = item;
    }
    return out;
  },

  float32Array(value: unknown, path: string, length: number): Float32Array {
    const items = jsonFields.array(value, path, length);
    const out = new Float32Array(length);
    for (let i = 0; i < length; i++) {
      const item = items[i];
      if (typeof item !== 'number' || !Number.isFinite(Math.fround(item))) {
        throw invalid(`${path}[${i}]`, 'a finite float32 number', item);
      }
      out[i] = item;
    }
    return out;
  },

  /** 0/1 integers as XGBoost 1.x writes them, or booleans. */
  flagArray(value: unknown, path: string, length: number): Uint8Array {
    const items = jsonFields.array(value, path, length);
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const item = items[i];
      if (item === 1 || item === true) out[i] = 1;
      else if (item !== 0 && item !== false) throw invalid(`${path}[${i}]`, '0, 1, true or false', item);
    }
    return out;
  },

  stringArray(value: unknown, path: string): readonly string[] {
    const items = jsonFields.array(value, path);
    for (let i = 0; i < items.length; i++) jsonFields.string(items[i], `${path}[${i}]`);
    return items as readonly string[];
  },
};
