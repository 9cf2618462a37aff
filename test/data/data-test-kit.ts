import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../src/config/index.js';
import type { DatasetSchema } from '../../src/core/dataset/index.js';
import { datasetSchemaFromConfig } from '../../src/services/dataset-schema-from-config.js';

/** The schema of the default configuration: the original's data contract. */
export const DEFAULT_SCHEMA: DatasetSchema = datasetSchemaFromConfig(resolveConfig({ env: {} }).config);

/** The header of a file in the data contract. */
export const HEADER = 'total_outcome_dollar_amount,total_income_dollar_amount,risk_pld,conclusion';

/** A temporary directory for one test file, with a writer and a cleanup. */
export function tempDir(prefix: string): {
  dir: string;
  write: (name: string, content: string | Uint8Array) => string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), `amlops-${prefix}-`));
  return {
    dir,
    write: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A valid CSV body in the data contract: both classes, every risk level, no problem. */
export function validCsv(): string {
  return [
    HEADER,
    '2109.19,1305.06,HIGH,CLOSED_WITH_ROI',
    '10.5,20,LOW,CLOSED_NO_ROI',
    '0,300,MEDIUM,CLOSED_NO_ROI',
    '45.25,44.1,HIGH,REPORTED_TO_AUTHORITY',
    '7,8,LOW,CLOSED_NO_ROI',
    '',
  ].join('\n');
}
