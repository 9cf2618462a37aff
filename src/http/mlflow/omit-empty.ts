/**
 * The object without its empty fields (undefined, null, '' and empty lists), as MLflow's protobuf
 * JSON leaves out default values: a run without tags has no `tags` key, an empty search answers `{}`.
 *
 * @example
 * omitEmpty({ runs: [], next_page_token: undefined, name: 'a' }); // { name: 'a' }
 */
export function omitEmpty<T extends Record<string, unknown>>(value: T): Partial<T> {
  const result: Partial<T> = {};
  for (const [key, field] of Object.entries(value) as [keyof T, T[keyof T]][]) {
    if (field === undefined || field === null || field === '') continue;
    if (Array.isArray(field) && field.length === 0) continue;
    result[key] = field;
  }
  return result;
}
