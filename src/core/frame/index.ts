export {
  type CategoricalColumn,
  type Column,
  columnLength,
  MISSING_CODE,
  type NumericColumn,
  type TextColumn,
} from './column.js';
export { Frame } from './frame.js';
