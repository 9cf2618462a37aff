export { addToSample, type CellExample, type CellSample, EXAMPLE_LIMIT, emptySample } from './cell-sample.js';
export { cellText } from './cell-text.js';
export { type CoercedTable, coerceTable, type NumericCellProblems } from './coerce-table.js';
export { concatRawTables } from './concat-raw-tables.js';
export { countMissing } from './count-missing.js';
export { DATASET_FINDING_CODES, type DatasetFindingCode } from './dataset-finding-codes.js';
export type { DatasetSchema } from './dataset-schema.js';
export { deriveLabels, UNKNOWN_LABEL } from './derive-labels.js';
export { type EncodedColumn, encodeRawColumn } from './encode-raw-column.js';
export { type DuplicateRows, findDuplicateRows } from './find-duplicate-rows.js';
export type { LabelSummary } from './label-summary.js';
export { isNonFiniteText, parseNumericText } from './parse-numeric-text.js';
export {
  type ColumnMapping,
  type MappingChoices,
  type MappingColumnProfile,
  profileForMapping,
  proposeColumnMapping,
  proposeTableMapping,
} from './propose-column-mapping.js';
export type { RawColumn, RawRecords, RawTable } from './raw-table.js';
export { type RawTablePositions, rawTableFromColumns } from './raw-table-from-columns.js';
export { stratifiedSplit, type TrainTestSplit } from './stratified-split.js';
export { type TableLabels, tableLabels } from './table-labels.js';
export {
  type DatasetSummary,
  type DatasetValidation,
  type DatasetValidationOptions,
  validateDataset,
} from './validate-dataset.js';
export { ValuesRawColumn } from './values-raw-column.js';
