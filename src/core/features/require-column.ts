import { AmlopsError } from '../errors/index.js';
import type { Column } from '../frame/column.js';
import type { Frame } from '../frame/frame.js';

/**
 * The column named `name`, or a DATA_INVALID error naming it and the columns there are.
 *
 * @example
 * requireColumn(frame, 'risk_pld');
 */
export function requireColumn(frame: Frame, name: string): Column {
  const column = frame.get(name);
  if (!column)
    throw new AmlopsError(
      'DATA_INVALID',
      `required feature column '${name}' is missing from the data (columns: ${frame.names.join(', ')})`,
      { column: name },
    );
  return column;
}
