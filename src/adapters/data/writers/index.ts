export { csvField } from './csv-field.js';
export { writeCsv } from './csv-writer.js';
export { writeJsonLines } from './json-lines-writer.js';
export { writeParquet } from './parquet-writer.js';
export { TABLE_EXTENSIONS, type TableFormat, tableFormatOf } from './table-format.js';
export { writeFileAtomically } from './write-file-atomically.js';
export type { WriteTableOptions } from './write-options.js';
