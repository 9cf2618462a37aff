import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { readTable } from '../adapters/data/read-table.js';
import { writeFileAtomically } from '../adapters/data/writers/write-file-atomically.js';
import {
  DEFAULT_CONFIG_FILE,
  readConfigFile,
  resolveConfig,
  type SettingKey,
  setFileSettings,
} from '../config/index.js';
import { type ColumnMapping, type MappingChoices, proposeTableMapping } from '../core/dataset/index.js';
import { AmlopsError } from '../core/errors/index.js';
import type { CliContext, GlobalOptions } from './cli-context.js';
import { renderTable } from './render-table.js';

interface InitFlags {
  readonly data: string;
  readonly yes?: boolean;
  readonly target?: string;
  readonly negative?: string;
  readonly id?: string;
  readonly income?: string;
  readonly outcome?: string;
}

/** The settings `amlops init` writes, in the order it shows them. */
const MAPPING_SETTINGS = [
  ['data.targetColumn', 'targetColumn'],
  ['data.negativeValue', 'negativeValue'],
  ['data.positiveValues', 'positiveValues'],
  ['data.idColumn', 'idColumn'],
  ['data.numericColumns', 'numericColumns'],
  ['data.incomeColumn', 'incomeColumn'],
  ['data.outcomeColumn', 'outcomeColumn'],
  ['data.categoricalColumns', 'categoricalColumns'],
] as const satisfies readonly (readonly [SettingKey, keyof ColumnMapping])[];

/**
 * `amlops init --data FILE [--yes] [--target COL] [--negative VALUE] [--id COL] [--income COL]
 * [--outcome COL]`: reads a labelled file, proposes which column is the conclusion (and its "no"
 * value), the case id, the numeric and categorical features and the money received and sent, shows
 * why, asks to confirm (or takes it with `--yes`) and writes the `data.*` settings into the
 * configuration file (`amlops.config.json`, or `--config`), keeping its other settings.
 */
export function initCommand(context: CliContext): Command {
  return new Command('init')
    .description(
      "look at a labelled file, propose its columns' roles (conclusion, id, features, money in and out) and write them to amlops.config.json",
    )
    .requiredOption('--data <file>', 'labelled cases: .csv, .csv.gz, .parquet, .jsonl or .ndjson')
    .option('-y, --yes', 'write the proposal without asking (for scripts)')
    .option('--target <column>', "the column of analysts' conclusions")
    .option('--negative <value>', 'the conclusion meaning "not laundering" (label 0)')
    .option('--id <column>', "the column naming each case ('' for none)")
    .option('--income <column>', 'the numeric column of money received')
    .option('--outcome <column>', 'the numeric column of money sent')
    .option('--json', 'print {file, config, settings, reasons, unused, written} as JSON')
    .action(async (flags: InitFlags, command: Command) => {
      const cwd = context.io.cwd;
      const configPath = configFileOf(command, context);
      const existing = readExistingConfig(configPath);
      const source =
        isAbsolute(flags.data) || /^[a-z][a-z0-9+.-]+:\/\//i.test(flags.data)
          ? flags.data
          : resolve(cwd, flags.data);
      const table = await readTable(source, context.io.env);
      const columns = table.columns.map((column) => column.name);
      const choices: MappingChoices = {
        ...(flags.target === undefined ? {} : { targetColumn: flags.target }),
        ...(flags.negative === undefined ? {} : { negativeValue: flags.negative }),
        ...(flags.id === undefined ? {} : { idColumn: flags.id }),
        ...(flags.income === undefined ? {} : { incomeColumn: flags.income }),
        ...(flags.outcome === undefined ? {} : { outcomeColumn: flags.outcome }),
      };
      for (const [flag, name] of [
        ['--target', choices.targetColumn],
        ['--id', choices.idColumn],
        ['--income', choices.incomeColumn],
        ['--outcome', choices.outcomeColumn],
      ] as const) {
        if (name !== undefined && name !== '' && !columns.includes(name))
          throw new AmlopsError(
            'USAGE',
            `${flag} ${JSON.stringify(name)} is not a column of ${flags.data}; its columns are ${columns.join(', ')}`,
            { flag, column: name, columns },
          );
      }
      const mapping = proposeTableMapping(table, choices);
      for (const [flag, name] of [
        ['--income', choices.incomeColumn],
        ['--outcome', choices.outcomeColumn],
      ] as const) {
        if (name && !mapping.numericColumns.includes(name))
          throw new AmlopsError(
            'USAGE',
            `${flag} ${JSON.stringify(name)} is not a numeric column of ${flags.data}; its numeric columns are ${mapping.numericColumns.join(', ') || '(none)'}`,
            { flag, column: name, numericColumns: mapping.numericColumns },
          );
        if (name && (mapping.incomeColumn === '' || mapping.outcomeColumn === ''))
          throw new AmlopsError(
            'USAGE',
            `--income and --outcome go together and no column reads as the other one: name both`,
          );
      }
      if (choices.negativeValue !== undefined && !mapping.targetValues.includes(choices.negativeValue))
        throw new AmlopsError(
          'USAGE',
          `--negative ${JSON.stringify(choices.negativeValue)} is not a value of ${mapping.targetColumn}; its values are ${mapping.targetValues.join(', ')}`,
          { value: choices.negativeValue, values: mapping.targetValues },
        );
      if (mapping.targetColumn === '')
        throw new AmlopsError(
          'USAGE',
          `no column of ${flags.data} reads as the analysts' conclusion; name it with --target COLUMN (its columns are ${columns.join(', ')})`,
          { columns },
        );
      const settings = Object.fromEntries(
        MAPPING_SETTINGS.map(([key, field]) => [key, mapping[field]]),
      ) as Partial<Record<SettingKey, unknown>>;
      const merged = setFileSettings(existing ?? {}, settings);
      // The result must be a configuration amlops accepts (e.g. --income among the numeric columns).
      resolveConfig({ file: merged, filePath: configPath, env: {} });
      const shown = relative(cwd, configPath) || configPath;
      const result = (written: boolean) => ({
        file: flags.data,
        rows: table.rowCount,
        config: configPath,
        settings,
        reasons: mapping.reasons,
        unused: mapping.unused,
        written,
      });
      if (!command.optsWithGlobals<GlobalOptions>().json)
        context.io.stdout(`${renderProposal(flags.data, table.rowCount, mapping)}\n`);
      if (!flags.yes) {
        if (!context.io.ask)
          throw new AmlopsError(
            'USAGE',
            `amlops init asks before writing ${shown} and there is no terminal to ask on: pass --yes to write the proposal as shown`,
          );
        const answer = await context.io.ask(
          `${existing ? 'Update' : 'Write'} the data settings in ${shown}? [y/N] `,
        );
        if (!/^\s*y(es)?\s*$/i.test(answer)) {
          if (command.optsWithGlobals<GlobalOptions>().json)
            context.io.stdout(`${JSON.stringify(result(false), null, 2)}\n`);
          else
            context.io.stdout(`nothing written; change a role with --target, --id, --income or --outcome\n`);
          return;
        }
      }
      await writeFileAtomically(configPath, async (file) => {
        await file.writeFile(`${JSON.stringify(merged, null, 2)}\n`);
      });
      context.print(command, result(true), () =>
        [
          `${existing ? 'updated' : 'wrote'} ${shown}`,
          'next:',
          `  amlops validate --data ${flags.data}`,
          `  amlops train --data ${flags.data}`,
        ].join('\n'),
      );
    });
}

/** The configuration file `init` writes: `--config`, else AMLOPS_CONFIG, else ./amlops.config.json. */
function configFileOf(command: Command, context: CliContext): string {
  const given = command.optsWithGlobals<GlobalOptions>().config ?? context.io.env.AMLOPS_CONFIG;
  return resolve(context.io.cwd, given ?? DEFAULT_CONFIG_FILE);
}

/** The configuration file's JSON object, or undefined when there is no file yet. */
function readExistingConfig(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = readConfigFile(path);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new AmlopsError('CONFIG_FILE_UNREADABLE', `configuration file ${path} must hold a JSON object`);
  return parsed as Record<string, unknown>;
}

function renderProposal(file: string, rows: number, mapping: ColumnMapping): string {
  const cell = (value: string | readonly string[]) =>
    typeof value === 'string' ? value || '(none)' : value.join(', ') || '(none)';
  const table = renderTable(
    ['SETTING', 'VALUE', 'WHY'],
    MAPPING_SETTINGS.map(([key, field]) => [
      key,
      cell(mapping[field] as string | readonly string[]),
      mapping.reasons[field] ?? '',
    ]),
  );
  const unused = mapping.unused.length
    ? `\nnot used: ${mapping.unused.map((u) => `${u.name} (${u.reason})`).join('; ')}`
    : '';
  return `proposed mapping for ${file} (${rows} rows):\n${table}${unused}`;
}
