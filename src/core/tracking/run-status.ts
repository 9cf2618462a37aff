/** The state of a run, as in MLflow (SCHEDULED is not used by amlops). */
export type RunStatus = 'RUNNING' | 'FINISHED' | 'FAILED' | 'KILLED';

/** Every run status, for validating input. */
export const RUN_STATUSES: readonly RunStatus[] = ['RUNNING', 'FINISHED', 'FAILED', 'KILLED'];

/**
 * True when the status is a final one (the run has an end time).
 *
 * @example
 * isTerminalRunStatus('FINISHED'); // true
 */
export function isTerminalRunStatus(status: RunStatus): boolean {
  return status !== 'RUNNING';
}
