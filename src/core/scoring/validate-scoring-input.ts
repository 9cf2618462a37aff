import { AmlopsError } from '../errors/index.js';
import { foldCategory } from '../features/category-folding.js';
import type { ColumnarInput } from './columnar-input.js';
import { describe } from './columns-from-object.js';
import { readAmount } from './read-amount.js';
import type { ScoringContract } from './scoring-contract.js';
import type { ScoringWarning } from './scoring-warning.js';
import type { ValidatedInput } from './validated-input.js';

/** Most problems listed in one error, and most rows listed in one warning. */
const LISTED = 10;

interface Problem {
  readonly column: string;
  readonly row: number;
  readonly value: unknown;
  readonly problem: string;
}

/**
 * Checks scoring input against a model's contract, under the bad-input rules: too many rows,
 * a required column absent, a value that is not a number or numeric text, NaN, Infinity or a
 * negative amount, a category that is not a label are refused (the first ones named by column and
 * row). An empty value or a category never seen in training is scored as missing, and an extra
 * column ignored, each with a warning; with a model that folds categories, a label that matches
 * one only once trimmed and case-folded is scored as it, counted in a FOLDED_CATEGORY warning.
 *
 * @example
 * const checked = validateScoringInput(parsePredictBody(body).input, scoringContract(bundle), 10_000);
 * checked.warnings; // [] for a clean request
 */
export function validateScoringInput(
  input: ColumnarInput,
  contract: ScoringContract,
  maxRows: number,
): ValidatedInput {
  const n = input.rowCount;
  if (n === 0 && input.columns.size === 0)
    throw new AmlopsError('SCORING_INPUT_INVALID', 'the request has no cases to score');
  // Missing columns before an empty input: cases under other column names are not "no cases".
  const required = [...contract.numeric, ...contract.categorical.map((c) => c.column)];
  const absent = required.filter((name) => !input.columns.has(name));
  if (absent.length > 0) {
    const has = [...input.columns.keys()];
    throw new AmlopsError(
      'SCORING_COLUMN_MISSING',
      `required column${absent.length > 1 ? 's' : ''} missing: ${absent.join(', ')}${has.length ? `; the input has ${has.join(', ')}` : ''}`,
      { missing: absent, required, present: has },
    );
  }
  if (n === 0) throw new AmlopsError('SCORING_INPUT_INVALID', 'the request has no cases to score');
  if (n > maxRows)
    throw new AmlopsError(
      'SCORING_TOO_MANY_ROWS',
      `the request has ${n} cases; at most ${maxRows} are scored per request (setting scoring.maxRows)`,
      { rows: n, maxRows },
    );
  const warnings: ScoringWarning[] = [];
  const problems: Problem[] = [];
  let problemCount = 0;
  const numeric = contract.numeric.map((column) => {
    const values = input.columns.get(column)!;
    const out = new Float64Array(n);
    const missing: number[] = [];
    let missingCount = 0;
    for (let row = 0; row < n; row++) {
      const value = values[row];
      const problem = readAmount(value, out, row);
      if (problem !== null) {
        problemCount++;
        if (problems.length < LISTED) problems.push({ column, row, value, problem });
      } else if (Number.isNaN(out[row])) {
        if (missingCount++ < LISTED) missing.push(row);
      }
    }
    if (missingCount > 0) warnings.push(missingWarning(column, missingCount, missing));
    return out;
  });
  /** Per categorical column, the labels as sent: `out` itself unless a label was never seen in training. */
  const categoricalAsSent: (readonly (string | null)[])[] = [];
  const categorical = contract.categorical.map(({ column, known, folding }) => {
    const values = input.columns.get(column)!;
    const out = new Array<string | null>(n);
    /** The rows whose label was never seen in training (scored as missing), and the label. */
    let unseenLabels: Map<number, string> | undefined;
    const missing: number[] = [];
    const unseen: number[] = [];
    const unseenValues: string[] = [];
    const folded: number[] = [];
    const foldedValues: string[] = [];
    let missingCount = 0;
    let unseenCount = 0;
    let foldedCount = 0;
    for (let row = 0; row < n; row++) {
      const value = values[row];
      const label =
        typeof value === 'string'
          ? value
          : typeof value === 'number' || typeof value === 'boolean'
            ? String(value)
            : value;
      if (label === null || label === undefined || label === '') {
        out[row] = null;
        if (missingCount++ < LISTED) missing.push(row);
      } else if (typeof label !== 'string') {
        problemCount++;
        if (problems.length < LISTED) problems.push({ column, row, value, problem: 'not a category label' });
      } else if (known.has(label)) out[row] = label;
      else {
        const key = folding ? foldCategory(label) : undefined;
        const category = key === undefined ? undefined : folding!.get(key);
        out[row] = category ?? null;
        if (key === '') {
          if (missingCount++ < LISTED) missing.push(row);
        } else if (category !== undefined) {
          if (foldedCount++ < LISTED) {
            folded.push(row);
            foldedValues.push(`${JSON.stringify(label)} as ${JSON.stringify(category)}`);
          }
        } else {
          unseenLabels ??= new Map();
          unseenLabels.set(row, label);
          if (unseenCount++ < LISTED) {
            unseen.push(row);
            unseenValues.push(label);
          }
        }
      }
    }
    if (missingCount > 0) warnings.push(missingWarning(column, missingCount, missing));
    if (foldedCount > 0)
      warnings.push({
        code: 'FOLDED_CATEGORY',
        column,
        count: foldedCount,
        rows: folded,
        message: `${foldedCount} value${foldedCount > 1 ? 's' : ''} of ${column} matched a category once trimmed and case-folded: ${folded.map((r, i) => `row ${r} ${foldedValues[i]}`).join(', ')}${foldedCount > LISTED ? ', …' : ''}`,
      });
    if (unseenCount > 0)
      warnings.push({
        code: 'UNSEEN_CATEGORY',
        column,
        count: unseenCount,
        rows: unseen,
        message: `${unseenCount} value${unseenCount > 1 ? 's' : ''} of ${column} never seen in training, scored as missing: ${unseen.map((r, i) => `row ${r} ${JSON.stringify(unseenValues[i])}`).join(', ')}${unseenCount > LISTED ? ', …' : ''}`,
      });
    if (unseenLabels) {
      const sent = out.slice();
      for (const [row, label] of unseenLabels) sent[row] = label;
      categoricalAsSent.push(sent);
    } else categoricalAsSent.push(out);
    return out;
  });
  if (problemCount > 0) {
    const first = problems[0]!;
    throw new AmlopsError(
      'SCORING_VALUE_INVALID',
      `${first.column} row ${first.row}: ${describe(first.value)} is ${first.problem === 'negative' ? 'a negative amount' : first.problem === 'not finite' ? 'not a finite number' : first.problem}${problemCount > 1 ? ` (and ${problemCount - 1} more invalid value${problemCount > 2 ? 's' : ''})` : ''}`,
      {
        invalid: problems.map((p) => ({ ...p, value: p.value === undefined ? null : p.value })),
        count: problemCount,
      },
    );
  }
  let ids: (string | null)[] | null = null;
  const idValues = contract.idColumn === undefined ? undefined : input.columns.get(contract.idColumn);
  if (idValues) {
    ids = new Array(n);
    for (let row = 0; row < n; row++) {
      const v = idValues[row];
      ids[row] =
        v === null || v === undefined || v === ''
          ? null
          : typeof v === 'object'
            ? JSON.stringify(v)
            : String(v);
    }
  }
  for (const name of input.columns.keys())
    if (!contract.known.has(name))
      warnings.push({
        code: 'EXTRA_COLUMN',
        column: name,
        count: 0,
        rows: [],
        message: `column ${name} is not an input of the model and was ignored`,
      });
  return { rowCount: n, numeric, categorical, categoricalAsSent, ids, warnings };
}

function missingWarning(column: string, count: number, rows: readonly number[]): ScoringWarning {
  return {
    code: 'MISSING_VALUE',
    column,
    count,
    rows,
    message: `${count} empty value${count > 1 ? 's' : ''} of ${column} scored as missing (row${count > 1 ? 's' : ''} ${rows.join(', ')}${count > LISTED ? ', …' : ''})`,
  };
}
