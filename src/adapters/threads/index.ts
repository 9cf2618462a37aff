export {
  createThreadTrainingBackend,
  type ThreadBackendOptions,
  type ThreadTrainingBackend,
} from './thread-training-backend.js';
