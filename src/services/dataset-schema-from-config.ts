import type { Config } from '../config/index.js';
import type { DatasetSchema } from '../core/dataset/index.js';
import { AmlopsError } from '../core/errors/index.js';

type DataSettings = Pick<
  Config,
  | 'data.numericColumns'
  | 'data.categoricalColumns'
  | 'data.targetColumn'
  | 'data.negativeValue'
  | 'data.positiveValues'
>;

/**
 * The dataset schema the `data.*` settings describe; every other column of a file is carried.
 * A column given two roles is CONFIG_INVALID.
 *
 * @example
 * const schema = datasetSchemaFromConfig(loadConfig().config);
 * schema.target; // 'conclusion'
 */
export function datasetSchemaFromConfig(config: DataSettings): DatasetSchema {
  const roles = new Map<string, string>();
  const assign = (column: string, setting: string): void => {
    const other = roles.get(column);
    if (other !== undefined && other !== setting)
      throw new AmlopsError('CONFIG_INVALID', `column '${column}' is named by both ${other} and ${setting}`, {
        column,
        settings: [other, setting],
      });
    roles.set(column, setting);
  };
  for (const column of config['data.numericColumns']) assign(column, 'data.numericColumns');
  for (const column of config['data.categoricalColumns']) assign(column, 'data.categoricalColumns');
  assign(config['data.targetColumn'], 'data.targetColumn');
  return {
    numeric: [...config['data.numericColumns']],
    categorical: [...config['data.categoricalColumns']],
    target: config['data.targetColumn'],
    negativeValue: config['data.negativeValue'],
    positiveValues: [...config['data.positiveValues']],
    carried: 'all',
  };
}
