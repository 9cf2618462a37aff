import { AmlopsError } from '../errors/index.js';

/** What `generateCases` makes: how many rows, from which seed, and how messy or drifted. */
export interface GenerateOptions {
  /** Number of rows, duplicates included (a positive integer). */
  readonly rows: number;
  /** Seed of every draw: the same options give the same rows. An integer in [0, 2^32 - 1]. */
  readonly seed: number;
  /** Share of each amount and of `risk_pld` left empty, independently (0..1, default 0). */
  readonly missingRate?: number;
  /** Share of present `risk_pld` values replaced by an unseen spelling: `CRITICAL` or lowercase (0..1, default 0). */
  readonly unseenCategoryRate?: number;
  /** Share of rows that are exact copies of an earlier row, `case_id` included (0..1, default 0). */
  readonly duplicateRate?: number;
  /** Drift of amounts, outflow ratios, risk mix and alert dates (0 none .. 1 strong, default 0). */
  readonly drift?: number;
}

/** The options with every default filled in. */
export type ResolvedGenerateOptions = Required<GenerateOptions>;

/**
 * Checks the options and fills in the defaults; an invalid value is an `AmlopsError('USAGE')`
 * naming the option, the value and what is allowed.
 *
 * @example
 * resolveGenerateOptions({ rows: 1000, seed: 7 }).missingRate; // 0
 */
export function resolveGenerateOptions(options: GenerateOptions): ResolvedGenerateOptions {
  const { rows, seed } = options;
  if (!Number.isSafeInteger(rows) || rows < 1)
    throw new AmlopsError('USAGE', `rows must be a positive integer; got ${rows}`);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new AmlopsError('USAGE', `seed must be an integer between 0 and 4294967295; got ${seed}`);
  return {
    rows,
    seed,
    missingRate: unitInterval('missingRate', options.missingRate),
    unseenCategoryRate: unitInterval('unseenCategoryRate', options.unseenCategoryRate),
    duplicateRate: unitInterval('duplicateRate', options.duplicateRate),
    drift: unitInterval('drift', options.drift),
  };
}

function unitInterval(name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new AmlopsError('USAGE', `${name} must be a number between 0 and 1; got ${value}`);
  return value;
}
