import { VIEW_TYPES, type ViewType } from '../../core/tracking/index.js';
import type { RequestParams } from './request-params.js';

const VIEW_TYPE_NUMBERS: Readonly<Record<number, ViewType>> = {
  1: 'ACTIVE_ONLY',
  2: 'DELETED_ONLY',
  3: 'ALL',
};

/**
 * A `ViewType` parameter (`view_type`, `run_view_type`), by name or protobuf number; default ACTIVE_ONLY.
 *
 * @example
 * viewTypeParam(params, 'run_view_type'); // 'ACTIVE_ONLY'
 */
export function viewTypeParam(params: RequestParams, name: string): ViewType {
  return params.optionalEnum(name, VIEW_TYPES, VIEW_TYPE_NUMBERS) ?? 'ACTIVE_ONLY';
}
