import { encodeRawColumn } from './encode-raw-column.js';
import { parseNumericText } from './parse-numeric-text.js';
import type { RawColumn, RawTable } from './raw-table.js';

/** What the mapping proposal needs to know of one column, read from the first rows of a file. */
export interface MappingColumnProfile {
  readonly name: string;
  /** Non-empty cells read. */
  readonly present: number;
  /** Of those, how many are numbers. */
  readonly numbers: number;
  /** Distinct non-empty texts (counted up to a cap). */
  readonly distinct: number;
  /** The most frequent texts, most frequent first (at most 20). */
  readonly top: readonly { readonly value: string; readonly count: number }[];
}

/** A proposed role for the file's columns: the `data.*` settings, each with why. */
export interface ColumnMapping {
  readonly numericColumns: readonly string[];
  readonly categoricalColumns: readonly string[];
  readonly incomeColumn: string;
  readonly outcomeColumn: string;
  readonly targetColumn: string;
  readonly negativeValue: string;
  readonly positiveValues: readonly string[];
  /** The target's values seen, most frequent first (at most 20). */
  readonly targetValues: readonly string[];
  readonly idColumn: string;
  /** Per role, why this column (or none) was chosen. */
  readonly reasons: Readonly<Record<string, string>>;
  /** The file's columns given no role, each with why. */
  readonly unused: readonly { readonly name: string; readonly reason: string }[];
}

/** Roles the user names instead of the proposal's guesses (`amlops init --target COL ...`). */
export interface MappingChoices {
  readonly targetColumn?: string;
  readonly negativeValue?: string;
  readonly idColumn?: string;
  readonly incomeColumn?: string;
  readonly outcomeColumn?: string;
}

/** Rows read to propose a mapping: enough to see every category and the target's values. */
const SAMPLE_ROWS = 200_000;
const DISTINCT_CAP = 10_000;
/** At most this many distinct values (and a small share of the rows) make a column categorical. */
const MAX_CATEGORIES = 50;

/**
 * Profiles the columns of a file for {@link proposeColumnMapping}, on its first rows.
 *
 * @example
 * const profiles = profileForMapping(await readTable('accounts.csv'));
 */
export function profileForMapping(raw: RawTable, sampleRows = SAMPLE_ROWS): MappingColumnProfile[] {
  const rows = Math.min(raw.rowCount, sampleRows);
  return raw.columns.map((column) => profileColumn(column, rows));
}

/**
 * Proposes the mapping of a whole table: its columns profiled on their first rows, then the
 * chosen target counted on every row, so that its values (and the "no" among them) are all seen
 * even when the file is sorted by conclusion.
 *
 * @example
 * proposeTableMapping(await readTable('accounts.csv'), { idColumn: 'acct' }).targetColumn;
 */
export function proposeTableMapping(raw: RawTable, choices: MappingChoices = {}): ColumnMapping {
  const profiles = profileForMapping(raw);
  const mapping = proposeColumnMapping(profiles, choices);
  const target = raw.columns.find((column) => column.name === mapping.targetColumn);
  if (!target || raw.rowCount <= SAMPLE_ROWS) return mapping;
  const full = profileWholeColumn(target);
  return proposeColumnMapping(
    profiles.map((p) => (p.name === full.name ? full : p)),
    choices,
  );
}

/** A column's profile over all its rows, through its dictionary encoding (fast for few values). */
function profileWholeColumn(column: RawColumn): MappingColumnProfile {
  const { codes, values } = encodeRawColumn(column);
  const counts = new Float64Array(values.length);
  for (const code of codes) if (code >= 0) counts[code]!++;
  let present = 0;
  let numbers = 0;
  values.forEach((value, code) => {
    present += counts[code]!;
    if (Number.isFinite(parseNumericText(value))) numbers += counts[code]!;
  });
  const top = values
    .map((value, code) => ({ value, count: counts[code]! }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
    .slice(0, 20);
  return { name: column.name, present, numbers, distinct: values.length, top };
}

function profileColumn(column: RawColumn, rows: number): MappingColumnProfile {
  const counts = new Map<string, number>();
  let present = 0;
  let numbers = 0;
  for (let row = 0; row < rows; row++) {
    const text = column.text(row);
    if (text === '') continue;
    present++;
    if (Number.isFinite(column.number(row))) numbers++;
    const count = counts.get(text);
    if (count !== undefined) counts.set(text, count + 1);
    else if (counts.size < DISTINCT_CAP) counts.set(text, 1);
  }
  const top = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 20)
    .map(([value, count]) => ({ value, count }));
  return { name: column.name, present, numbers, distinct: counts.size, top };
}

const TARGET_NAMES =
  /^(conclusion|label|target|class|y|is_?sar|sar|is_?laundering|laundering|is_?fraud|fraud|outcome_label)$/i;
const TARGET_HINTS = /conclusion|label|target|laundering|sar|fraud/i;
const NEGATIVE_VALUES = [
  'closed_no_roi',
  '0',
  'false',
  'no',
  'n',
  'negative',
  'legit',
  'legitimate',
  'normal',
  'clean',
];
const ID_NAMES = [
  /^case_?id$/i,
  /^user_?id$/i,
  /^(account|acct)(_?id)?$/i,
  /^(account|acct|customer|client)_?(no|num|number)$/i,
  /^customer_?id$/i,
  /^client_?id$/i,
  /^party_?id$/i,
  /^id$/i,
  /_id$/i,
];
const INCOME = /income|inflow|in_?flow|received|receive|credit|deposit|(^|_)in(_|$)|in_?amount/i;
const OUTCOME = /outcome|outflow|out_?flow|sent|send|debit|withdraw|spent|(^|_)out(_|$)|out_?amount/i;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}|^\d{1,2}\/\d{1,2}\/\d{2,4}/;

/**
 * Proposes the `data.*` settings for a file from its columns' names and contents: the target (a
 * conclusion-like name, or a column of two to ten values) and its negative value (a known
 * "no" such as CLOSED_NO_ROI, 0, false, else the most frequent), the id column, the numeric
 * features (columns of numbers) with the money received and sent among them, and the categorical
 * features (text of few values, not dates). Each choice comes with its reason.
 *
 * @example
 * proposeColumnMapping(profileForMapping(table)).targetColumn; // 'is_sar'
 */
export function proposeColumnMapping(
  profiles: readonly MappingColumnProfile[],
  choices: MappingChoices = {},
): ColumnMapping {
  const reasons: Record<string, string> = {};
  const numeric = (p: MappingColumnProfile) => p.present > 0 && p.numbers / p.present >= 0.99;
  const named = (name: string | undefined) =>
    name === undefined || name === '' ? undefined : profiles.find((p) => p.name === name);
  const target =
    named(choices.targetColumn) ??
    profiles.find((p) => TARGET_NAMES.test(p.name)) ??
    profiles.find((p) => TARGET_HINTS.test(p.name) && p.distinct >= 2 && p.distinct <= 10) ??
    profiles.find((p) => !numeric(p) && p.distinct === 2);
  let negativeValue = '';
  let positiveValues: string[] = [];
  if (target) {
    const values = target.top.map((t) => t.value);
    const known = values.find((v) => NEGATIVE_VALUES.includes(v.trim().toLowerCase()));
    negativeValue = choices.negativeValue ?? known ?? values[0] ?? '';
    positiveValues = values.filter((v) => v !== negativeValue);
    const why = choices.targetColumn
      ? 'as given'
      : TARGET_NAMES.test(target.name) || TARGET_HINTS.test(target.name)
        ? 'its name'
        : 'two values';
    reasons.targetColumn = `${why}; values ${target.top
      .slice(0, 6)
      .map((t) => `${t.value} (${t.count})`)
      .join(', ')}`;
    reasons.negativeValue =
      choices.negativeValue !== undefined
        ? 'as given'
        : known !== undefined
          ? `${JSON.stringify(known)} reads as "no"`
          : `the most frequent value (${target.top[0]?.count ?? 0} of ${target.present} rows)`;
    reasons.positiveValues = 'the other values: each is label 1';
  } else reasons.targetColumn = 'no column looks like a conclusion: name it with --target';
  const rest = profiles.filter((p) => p !== target);
  const id =
    choices.idColumn !== undefined
      ? named(choices.idColumn)
      : ID_NAMES.map((pattern) => rest.find((p) => pattern.test(p.name))).find((p) => p !== undefined);
  reasons.idColumn = id
    ? choices.idColumn
      ? 'as given'
      : 'its name'
    : 'no column reads as an id: cases are named request#row';
  const features = rest.filter((p) => p !== id);
  const numericColumns = features.filter(numeric).map((p) => p.name);
  const income = choices.incomeColumn ?? numericColumns.find((name) => INCOME.test(name)) ?? '';
  const outcome =
    choices.outcomeColumn ?? numericColumns.find((name) => name !== income && OUTCOME.test(name)) ?? '';
  const both = income !== '' && outcome !== '';
  reasons.incomeColumn = both
    ? choices.incomeColumn
      ? 'as given'
      : 'its name reads as money received'
    : 'no pair of columns reads as money received and sent: no derived features';
  reasons.outcomeColumn = both
    ? choices.outcomeColumn
      ? 'as given'
      : 'its name reads as money sent'
    : reasons.incomeColumn;
  const categoricalColumns = features
    .filter(
      (p) =>
        !numeric(p) &&
        p.distinct >= 1 &&
        p.distinct <= MAX_CATEGORIES &&
        p.distinct <= Math.max(2, p.present * 0.05) &&
        !DATE_LIKE.test(p.top[0]?.value ?? ''),
    )
    .map((p) => p.name);
  reasons.numericColumns = 'columns of numbers';
  reasons.categoricalColumns = `text of at most ${MAX_CATEGORIES} values, not dates`;
  const used = new Set([target?.name, id?.name, ...numericColumns, ...categoricalColumns]);
  const unused = features
    .filter((p) => !used.has(p.name))
    .map((p) => ({
      name: p.name,
      reason:
        p.present === 0
          ? 'empty'
          : DATE_LIKE.test(p.top[0]?.value ?? '')
            ? 'dates'
            : `${p.distinct >= DISTINCT_CAP ? `${DISTINCT_CAP}+` : p.distinct} distinct texts: too many for categories`,
    }));
  return {
    numericColumns,
    categoricalColumns,
    incomeColumn: both ? income : '',
    outcomeColumn: both ? outcome : '',
    targetColumn: target?.name ?? '',
    negativeValue,
    positiveValues,
    targetValues: target?.top.map((t) => t.value) ?? [],
    idColumn: id?.name ?? '',
    reasons,
    unused,
  };
}
