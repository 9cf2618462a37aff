import { type ErrorSpec, EXIT } from '../error-spec.js';

/** Codes of reading and validating data files. The data readers and validators own this table. */
export const dataCodes = {
  DATA_INVALID: {
    status: 422,
    exit: EXIT.data,
    description: 'The dataset failed validation; details list every fatal finding.',
  },
  DATA_FORMAT_UNSUPPORTED: {
    status: 400,
    exit: EXIT.data,
    description:
      'The file name ending is not one amlops reads (.csv, .csv.gz, .parquet, .jsonl, .ndjson), or its URL scheme is not readable yet.',
  },
  DATA_PARSE_FAILED: {
    status: 400,
    exit: EXIT.data,
    description: 'The file could not be parsed in its format (malformed CSV, JSON line or Parquet).',
  },
  DATA_TOO_SMALL: {
    status: 422,
    exit: EXIT.data,
    description: 'Too few rows (or too few of a class) for the operation, such as a train/test split.',
  },
} as const satisfies Record<string, ErrorSpec>;
