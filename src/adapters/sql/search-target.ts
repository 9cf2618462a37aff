import type { RawBuilder } from 'kysely';

/**
 * How the terms of a parsed filter map onto one table: its attribute columns (a fixed whitelist)
 * and the correlated sub-queries reaching its metrics, params or tags. Every key and value is a
 * bound parameter; only the names in these maps are written into SQL.
 */
export interface SearchTarget {
  readonly subject: string;
  readonly attributes: Readonly<Record<string, RawBuilder<unknown>>>;
  /** `exists (…)` over the entity's row for `key`, with `predicate` applied to its value column. */
  exists(
    entity: 'metric' | 'param' | 'tag',
    key: string,
    predicate: (value: RawBuilder<unknown>) => RawBuilder<unknown>,
  ): RawBuilder<boolean>;
  /** A scalar sub-query giving the entity's value for `key` (null when absent), for ordering. */
  value(entity: 'metric' | 'param' | 'tag', key: string): RawBuilder<unknown>;
}
