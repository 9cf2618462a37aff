/**
 * A key/value tag. Experiments, runs, registered models and model versions all carry tags of this
 * one shape (MLflow has four identical classes for it; one is enough).
 *
 * @example
 * const tag: Tag = { key: 'mlflow.runName', value: 'nightly' };
 */
export interface Tag {
  readonly key: string;
  readonly value: string;
}
