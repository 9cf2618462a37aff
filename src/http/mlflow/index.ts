export { MLFLOW_API_PREFIXES, mlflowApi } from './mlflow-api.js';
export type { MlflowApiOptions } from './mlflow-api-options.js';
export { type MlflowErrorBody, mlflowErrorReply } from './mlflow-error-reply.js';
