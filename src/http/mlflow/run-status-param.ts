import { AmlopsError } from '../../core/errors/index.js';
import { RUN_STATUSES, type RunStatus } from '../../core/tracking/index.js';
import type { RequestParams } from './request-params.js';

const RUN_STATUS_NUMBERS: Readonly<Record<number, RunStatus | 'SCHEDULED'>> = {
  1: 'RUNNING',
  2: 'SCHEDULED',
  3: 'FINISHED',
  4: 'FAILED',
  5: 'KILLED',
};

/**
 * A `RunStatus` parameter by name or protobuf number; SCHEDULED (which amlops does not use) is refused.
 *
 * @example
 * runStatusParam(params, 'status'); // 'FINISHED'
 */
export function runStatusParam(params: RequestParams, name: string): RunStatus | undefined {
  const status = params.optionalEnum(name, [...RUN_STATUSES, 'SCHEDULED'], RUN_STATUS_NUMBERS);
  if (status === 'SCHEDULED') throw new AmlopsError('USAGE', `run status SCHEDULED is not supported`);
  return status;
}
