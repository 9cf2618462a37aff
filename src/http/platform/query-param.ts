import { AmlopsError } from '../../core/errors/index.js';

type Query = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Readers of query-string parameters: one value (the last when repeated), a list (repeated
 * and/or comma-separated), a bounded integer, a number, one of some words or a time. Malformed
 * values are USAGE naming the parameter.
 *
 * @example
 * queryParam.list(request.query, 'ids'); // ?ids=a,b&ids=c -> ['a', 'b', 'c']
 */
export const queryParam = {
  one(query: Query, name: string): string | undefined {
    const value = query[name];
    const last = Array.isArray(value) ? value.at(-1) : value;
    return last === undefined || last === '' ? undefined : last;
  },
  list(query: Query, name: string): string[] {
    const value = query[name];
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return values
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  },
  integer(query: Query, name: string, min: number, max: number): number | undefined {
    const text = queryParam.one(query, name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!/^[0-9]+$/.test(text) || value < min || value > max)
      throw new AmlopsError(
        'USAGE',
        `query parameter ${name} must be an integer from ${min} to ${max}; got '${text}'`,
      );
    return value;
  },
  /** A decimal number (such as `0.75` or `-1e-3`). */
  number(query: Query, name: string): number | undefined {
    const text = queryParam.one(query, name);
    if (text === undefined) return undefined;
    if (
      !/^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text) ||
      !Number.isFinite(Number(text))
    )
      throw new AmlopsError('USAGE', `query parameter ${name} must be a number; got '${text}'`);
    return Number(text);
  },
  oneOf<T extends string>(query: Query, name: string, values: readonly T[]): T | undefined {
    const text = queryParam.one(query, name);
    if (text === undefined) return undefined;
    if (!(values as readonly string[]).includes(text))
      throw new AmlopsError(
        'USAGE',
        `query parameter ${name} must be one of ${values.join(', ')}; got '${text}'`,
      );
    return text as T;
  },
  /** An ISO date or time, as milliseconds since the epoch. */
  time(query: Query, name: string): number | undefined {
    const text = queryParam.one(query, name);
    if (text === undefined) return undefined;
    const time = Date.parse(text);
    if (Number.isNaN(time))
      throw new AmlopsError('USAGE', `query parameter ${name} must be an ISO date or time; got '${text}'`);
    return time;
  },
} as const;
