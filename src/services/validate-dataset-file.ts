import {
  type DatasetSchema,
  type DatasetValidation,
  type DatasetValidationOptions,
  type RawTable,
  validateDataset,
} from '../core/dataset/index.js';

/** What reading a dataset needs: a reader of tables by path or URL (`readTable` of adapters/data). */
export interface DatasetReaderDeps {
  readonly readTable: (source: string) => Promise<RawTable>;
}

/**
 * Reads a data file and validates it against the schema: the use case behind `amlops validate`
 * and the first step of training and batch scoring. Unreadable files throw (FILE_NOT_FOUND,
 * DATA_FORMAT_UNSUPPORTED, DATA_PARSE_FAILED); problems in the data come back as findings.
 *
 * @example
 * const result = await validateDatasetFile({ readTable }, 'cases.csv', datasetSchemaFromConfig(config));
 * if (!result.ok) console.log(result.findings.filter((f) => f.severity === 'fatal'));
 */
export async function validateDatasetFile(
  deps: DatasetReaderDeps,
  source: string,
  schema: DatasetSchema,
  options: DatasetValidationOptions = {},
): Promise<DatasetValidation> {
  return validateDataset(await deps.readTable(source), schema, options);
}
