export { type BundleFileReader, bundleFromFiles } from './bundle-from-files.js';
export { BUNDLE_PATHS } from './bundle-paths.js';
export { bundleToFiles } from './bundle-to-files.js';
export { type InputSchema, MODEL_BUNDLE_FORMAT, type ModelBundle } from './model-bundle.js';
export { parseInputSchema } from './parse-input-schema.js';
