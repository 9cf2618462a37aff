export { AmlopsError, isAmlopsError } from './amlops-error.js';
export { ERROR_CODES, type ErrorCode } from './error-codes.js';
export { errorReason } from './error-reason.js';
export { type ErrorSpec, EXIT } from './error-spec.js';
export { renderErrorsDoc } from './render-errors-doc.js';
