/**
 * A named pointer to one version of a registered model (`production`, `challenger`, any name).
 *
 * @example
 * const alias: ModelAlias = { alias: 'production', version: '3' };
 */
export interface ModelAlias {
  readonly alias: string;
  /** The version number as a decimal string, as MLflow returns it. */
  readonly version: string;
}
