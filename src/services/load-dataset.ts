import type { DatasetSchema, DatasetValidation, DatasetValidationOptions } from '../core/dataset/index.js';
import { dataInvalidError } from './data-invalid-error.js';
import { type DatasetReaderDeps, validateDatasetFile } from './validate-dataset-file.js';

/**
 * Reads and validates a data file, refusing it with DATA_INVALID when a finding is fatal: what
 * training and batch scoring call before touching a model, so that bad input never reaches it.
 *
 * @example
 * const { frame, labels, findings } = await loadDataset({ readTable }, 'cases.csv', schema);
 */
export async function loadDataset(
  deps: DatasetReaderDeps,
  source: string,
  schema: DatasetSchema,
  options: DatasetValidationOptions = {},
): Promise<DatasetValidation> {
  const result = await validateDatasetFile(deps, source, schema, options);
  if (!result.ok) throw dataInvalidError(source, result.findings);
  return result;
}
