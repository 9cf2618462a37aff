export { createPredictPool, type PredictPool, type PredictPoolOptions } from './predict-pool.js';
export { type SearchThreadOptions, searchThreadExecutor } from './search-thread-executor.js';
export {
  createThreadTrainingBackend,
  type ThreadBackendOptions,
  type ThreadTrainingBackend,
} from './thread-training-backend.js';
