/**
 * Where each part of a model bundle lives among a version's artifacts. `inputExample` is written by
 * the training pipeline beside the bundle (a few input rows in the `/predict` columnar shape) and
 * scored to verify a model after loading it.
 */
export const BUNDLE_PATHS = {
  manifest: 'model/bundle.json',
  model: 'model/model.json',
  features: 'model/features.json',
  inputSchema: 'model/input-schema.json',
  inputExample: 'model/input-example.json',
} as const;
