import { resolve } from 'node:path';
import { Command } from 'commander';
import { writeTable } from '../adapters/data/write-table.js';
import { tableFormatOf } from '../adapters/data/writers/table-format.js';
import { AmlopsError } from '../core/errors/index.js';
import { Frame } from '../core/frame/frame.js';
import { type GenerateOptions, generateCases } from '../core/synthetic/index.js';
import type { CliContext } from './cli-context.js';

interface GenerateFlags {
  readonly rows: string;
  readonly seed: string;
  readonly out: string;
  readonly truth?: string;
  readonly missingRate: string;
  readonly unseenRate: string;
  readonly duplicateRate: string;
  readonly drift: string;
}

/**
 * `amlops generate --rows N --seed S --out FILE [--truth FILE] [messy-data and drift options]`:
 * writes synthetic alert cases (docs/synthetic-data.md) as CSV, Parquet or JSON Lines, optionally
 * each case's true probability, and prints the positive rate and the best achievable ROC AUC.
 */
export function generateCommand(context: CliContext): Command {
  return new Command('generate')
    .description('write synthetic alert cases in the data contract, with a known best achievable ROC AUC')
    .requiredOption('--out <file>', 'cases file: .csv, .parquet, .jsonl or .ndjson')
    .option('--rows <n>', 'number of rows, duplicates included', '100000')
    .option('--seed <n>', 'seed: the same options and seed give the same file', '42')
    .option('--truth <file>', "also write each case's true probability (case_id, true_probability)")
    .option(
      '--missing-rate <r>',
      'share of amounts and risk levels left empty, each independently (0..1)',
      '0',
    )
    .option(
      '--unseen-rate <r>',
      "share of risk levels respelled as values never seen ('CRITICAL', 'high') (0..1)",
      '0',
    )
    .option('--duplicate-rate <r>', 'share of rows that repeat an earlier row exactly (0..1)', '0')
    .option('--drift <d>', 'drift of amounts, outflow ratios, risk mix and dates (0 none .. 1 strong)', '0')
    .option('--json', 'print {rows, positives, positiveRate, bestRocAuc, seconds, ...} as JSON')
    .action(async (flags: GenerateFlags, command: Command) => {
      const started = performance.now();
      const options: GenerateOptions = {
        rows: positiveInteger('--rows', flags.rows),
        seed: seed(flags.seed),
        missingRate: unitInterval('--missing-rate', flags.missingRate),
        unseenCategoryRate: unitInterval('--unseen-rate', flags.unseenRate),
        duplicateRate: unitInterval('--duplicate-rate', flags.duplicateRate),
        drift: unitInterval('--drift', flags.drift),
      };
      const out = tablePath('--out', flags.out, context.io.cwd);
      const truth = flags.truth === undefined ? undefined : tablePath('--truth', flags.truth, context.io.cwd);
      const cases = generateCases(options);
      await writeWithProgress(context, command, out, cases.frame);
      if (truth) {
        const truthFrame = new Frame([
          cases.frame.get('case_id')!,
          { kind: 'numeric', name: 'true_probability', values: cases.probability },
        ]);
        await writeWithProgress(context, command, truth, truthFrame);
      }
      const seconds = Math.round(performance.now() - started) / 1000;
      const result = {
        out,
        truth: truth ?? null,
        rows: cases.frame.rowCount,
        positives: cases.positives,
        positiveRate: cases.positiveRate,
        bestRocAuc: cases.bestRocAuc,
        seconds,
        options,
      };
      context.print(command, result, () =>
        [
          `wrote ${result.rows} cases to ${out} in ${seconds.toFixed(1)} s`,
          `  positives     ${result.positives} (${(100 * result.positiveRate).toFixed(2)}%)`,
          `  best ROC AUC  ${result.bestRocAuc.toFixed(4)} (true probabilities against the drawn labels)`,
          ...(truth ? [`  truth         ${truth}`] : []),
        ].join('\n'),
      );
    });
}

async function writeWithProgress(
  context: CliContext,
  command: Command,
  path: string,
  frame: Frame,
): Promise<void> {
  const bar = context.progress(command, `writing ${path}`, frame.rowCount);
  await writeTable(path, frame, { onProgress: (rows) => bar.update(rows) });
  bar.finish();
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < 1)
    throw new AmlopsError('USAGE', `${flag} must be a positive integer; got '${text}'`);
  return value;
}

function seed(text: string): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || value > 0xffffffff)
    throw new AmlopsError('USAGE', `--seed must be an integer between 0 and 4294967295; got '${text}'`);
  return value;
}

function unitInterval(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\s*(\d+\.?\d*|\.\d+)\s*$/.test(text) || value > 1)
    throw new AmlopsError('USAGE', `${flag} must be a number between 0 and 1; got '${text}'`);
  return value;
}

function tablePath(flag: string, path: string, cwd: string): string {
  if (tableFormatOf(path) === undefined)
    throw new AmlopsError(
      'USAGE',
      `${flag} ${path}: unknown file extension; use .csv, .parquet, .jsonl or .ndjson`,
    );
  return resolve(cwd, path);
}
