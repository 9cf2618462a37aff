/**
 * Where a model version is in its registration. A version is READY only once its artifacts are
 * completely written; a crash while writing leaves PENDING_REGISTRATION, a failure FAILED_REGISTRATION.
 */
export type ModelVersionStatus = 'PENDING_REGISTRATION' | 'READY' | 'FAILED_REGISTRATION';
