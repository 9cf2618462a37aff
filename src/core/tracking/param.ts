/**
 * A run parameter. Written once: logging the same key again with another value is refused.
 *
 * @example
 * const param: Param = { key: 'max_depth', value: '4' };
 */
export interface Param {
  readonly key: string;
  readonly value: string;
}
