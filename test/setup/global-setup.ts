/**
 * Starts the throwaway services the tests need (added as the stores arrive) and stops them after.
 * Services are started here rather than by `.ci/run`, so that `npm test` works the same everywhere.
 */
export default async function setup(): Promise<() => Promise<void>> {
  return async () => {};
}
