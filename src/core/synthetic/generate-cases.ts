import { rocAuc } from '../evaluate/roc-auc.js';
import type { CategoricalColumn } from '../frame/column.js';
import { Frame } from '../frame/frame.js';
import { Rng } from '../random/rng.js';
import { alertDates } from './alert-dates.js';
import { type CaseDraws, CONCLUSIONS, RISK_SPELLINGS } from './case-draws.js';
import { type GenerateOptions, resolveGenerateOptions } from './generate-options.js';
import type { GeneratedCases } from './generated-cases.js';
import { launderingScore, type RiskLevel, sigmoid } from './laundering-score.js';
import { applyMessiness } from './messy-data.js';
import { sampleAccounts } from './sample-accounts.js';
import { TYPOLOGY } from './typology-parameters.js';

const FIRST_ALERT_DATE = '2025-01-01';
const ALERT_DAYS = 365;
/** User ids are drawn from rows x USERS_PER_CASE users, so that some users have several alerts. */
const USERS_PER_CASE = 0.75;

/**
 * Generates synthetic alert cases in the data contract (docs/synthetic-data.md): heavy-tailed
 * amounts from a mixture of ordinary accounts and laundering typologies, labels drawn from each
 * row's documented true probability, and optional missing values, unseen categories, duplicates
 * and drift. Pure and seeded: the same options give the same rows.
 *
 * @example
 * const { frame, positiveRate, bestRocAuc } = generateCases({ rows: 100_000, seed: 7 });
 * frame.names; // ['case_id', 'user_id', 'alert_date', 'total_income_dollar_amount', ...]
 */
export function generateCases(options: GenerateOptions): GeneratedCases {
  const o = resolveGenerateOptions(options);
  const root = new Rng(o.seed);
  const accountRng = root.fork();
  const labelRng = root.fork();
  const idRng = root.fork();
  const messRng = root.fork();
  const rows = o.rows;

  const accounts = sampleAccounts(accountRng, rows, o.drift);
  const draws: CaseDraws = {
    caseNumber: new Int32Array(rows),
    userNumber: new Int32Array(rows),
    day: new Int32Array(rows),
    income: accounts.income,
    outcome: accounts.outcome,
    risk: Int32Array.from(accounts.risk),
    conclusion: new Int32Array(rows),
    probability: new Float64Array(rows),
    label: new Uint8Array(rows),
  };
  const users = Math.max(1, Math.round(rows * USERS_PER_CASE));
  for (let i = 0; i < rows; i++) {
    const p = sigmoid(
      launderingScore(accounts.income[i]!, accounts.outcome[i]!, accounts.risk[i]! as RiskLevel),
    );
    const positive = labelRng.next() < p;
    const reported = labelRng.next() < TYPOLOGY.reportedShare;
    draws.probability[i] = p;
    draws.label[i] = positive ? 1 : 0;
    draws.conclusion[i] = positive ? (reported ? 2 : 1) : 0;
    draws.caseNumber[i] = i + 1;
    draws.userNumber[i] = 1 + idRng.nextInt(users);
    draws.day[i] = idRng.nextInt(ALERT_DAYS);
  }
  applyMessiness(draws, o, messRng);

  let positives = 0;
  for (let i = 0; i < rows; i++) positives += draws.label[i]!;
  const dayOffset = Math.round(o.drift * ALERT_DAYS);
  const frame = new Frame([
    { kind: 'text', name: 'case_id', values: numberedIds('C', draws.caseNumber, rows) },
    { kind: 'text', name: 'user_id', values: numberedIds('U', draws.userNumber, users) },
    { kind: 'text', name: 'alert_date', values: datesOf(draws.day, dayOffset) },
    { kind: 'numeric', name: 'total_income_dollar_amount', values: draws.income },
    { kind: 'numeric', name: 'total_outcome_dollar_amount', values: draws.outcome },
    compactCategorical('risk_pld', draws.risk, RISK_SPELLINGS),
    compactCategorical('conclusion', draws.conclusion, CONCLUSIONS),
  ]);
  return {
    frame,
    probability: draws.probability,
    label: draws.label,
    positives,
    positiveRate: positives / rows,
    bestRocAuc: rocAuc(draws.probability, draws.label),
  };
}

function numberedIds(prefix: string, numbers: Int32Array, largest: number): string[] {
  const width = Math.max(6, String(largest).length);
  // Each id is one concatenation of a prefix+high-digits string and a 3-digit string: a
  // million ids without the garbage of String() and padStart per row.
  const heads = new Array<string>(Math.floor(largest / 1000) + 1);
  for (let h = 0; h < heads.length; h++) heads[h] = prefix + String(h).padStart(width - 3, '0');
  const ids = new Array<string>(numbers.length);
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i]!;
    const head = Math.floor(n / 1000);
    ids[i] = heads[head]! + THREE_DIGITS[n - head * 1000]!;
  }
  return ids;
}

const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

function datesOf(day: Int32Array, offset: number): string[] {
  const labels = alertDates(FIRST_ALERT_DATE, offset + ALERT_DAYS);
  const dates = new Array<string>(day.length);
  for (let i = 0; i < day.length; i++) dates[i] = labels[offset + day[i]!]!;
  return dates;
}

/** A categorical column listing only the spellings that occur, in the order of `spellings`. */
function compactCategorical(
  name: string,
  codes: Int32Array,
  spellings: readonly string[],
): CategoricalColumn {
  const used = new Uint8Array(spellings.length);
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) used[codes[i]!] = 1;
  const remap = new Int32Array(spellings.length).fill(-1);
  const categories: string[] = [];
  for (let c = 0; c < spellings.length; c++) {
    if (used[c]) {
      remap[c] = categories.length;
      categories.push(spellings[c]!);
    }
  }
  const compact = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) compact[i] = codes[i]! < 0 ? -1 : remap[codes[i]!]!;
  return { kind: 'categorical', name, codes: compact, categories };
}
