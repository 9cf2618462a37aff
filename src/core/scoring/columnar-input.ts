import { AmlopsError } from '../errors/index.js';

/** Scoring input of any protocol, as columns of raw JSON values (not yet checked), all of one length. */
export interface ColumnarInput {
  readonly rowCount: number;
  readonly columns: ReadonlyMap<string, readonly unknown[]>;
}

/**
 * Builds a {@link ColumnarInput} from named columns, refusing columns of unequal length with a
 * message that gives every column's length.
 *
 * @example
 * columnarInput([['risk_pld', ['HIGH']], ['total_income_dollar_amount', [1305.06]]]).rowCount; // 1
 */
export function columnarInput(entries: Iterable<readonly [string, readonly unknown[]]>): ColumnarInput {
  const columns = new Map<string, readonly unknown[]>();
  for (const [name, values] of entries) {
    if (columns.has(name))
      throw new AmlopsError('SCORING_INPUT_INVALID', `column ${JSON.stringify(name)} is given twice`, {
        column: name,
      });
    columns.set(name, values);
  }
  let rowCount: number | undefined;
  for (const values of columns.values()) {
    if (rowCount === undefined) rowCount = values.length;
    else if (values.length !== rowCount) {
      const lengths = Object.fromEntries([...columns].map(([name, v]) => [name, v.length]));
      const listed = Object.entries(lengths)
        .map(([name, n]) => `${name} has ${n}`)
        .join(', ');
      throw new AmlopsError('SCORING_INPUT_INVALID', `columns have unequal lengths: ${listed}`, { lengths });
    }
  }
  return { rowCount: rowCount ?? 0, columns };
}
