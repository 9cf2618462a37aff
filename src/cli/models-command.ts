import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { Command } from 'commander';
import { writeFileAtomically } from '../adapters/data/writers/write-file-atomically.js';
import { AmlopsError } from '../core/errors/index.js';
import type { ModelVersion } from '../core/tracking/index.js';
import { EXPORT_FORMATS, exportModel } from '../services/export-model.js';
import { importXgboostModel } from '../services/import-xgboost-model.js';
import { listModelVersions } from '../services/list-model-versions.js';
import { listModels } from '../services/list-models.js';
import { modelAliases } from '../services/model-aliases.js';
import { promoteModelVersion } from '../services/promote-model-version.js';
import { rollbackProduction } from '../services/rollback-production.js';
import { showModel } from '../services/show-model.js';
import type { VersionDetails } from '../services/version-details.js';
import type { CliContext } from './cli-context.js';
import { decisionMaker } from './decision-maker.js';
import { formatCell } from './format-cell.js';
import { renderTable } from './render-table.js';
import { withPlatformStores } from './with-platform-stores.js';

/**
 * `amlops models list|show|versions|promote|rollback|alias|import|export`: the model registry.
 * Promotion and rollback record who (`--by`, default the login name) and why (`--reason`).
 */
export function modelsCommand(context: CliContext): Command {
  const models = new Command('models').description(
    'registered models: versions, promotion, aliases, import and export',
  );
  const nameOf = (command: Command, name: string | undefined) =>
    name ?? context.config(command).config['model.name'];

  models
    .command('list')
    .description('list registered models with their latest and production versions')
    .option('--json', 'print {models} as JSON')
    .action(async (_options: unknown, command: Command) => {
      const list = await withPlatformStores(context, command, (stores) => listModels(stores.registry));
      context.print(command, { models: list }, () =>
        list.length === 0
          ? 'no registered models'
          : renderTable(
              ['NAME', 'LATEST', 'PRODUCTION', 'ALIASES', 'UPDATED'],
              list.map((m) => [
                m.name,
                formatCell.text(m.latestVersion),
                formatCell.text(m.productionVersion),
                m.aliases.map((a) => `${a.alias}=${a.version}`).join(',') || '-',
                formatCell.time(m.lastUpdatedTime),
              ]),
            ),
      );
    });

  models
    .command('show [name]')
    .description(
      'show a model (default: setting model.name): each version with stage, aliases, status, source run and its metrics',
    )
    .option('--json', 'print the model and {versions} as JSON')
    .action(async (name: string | undefined, _options: unknown, command: Command) => {
      const details = await withPlatformStores(context, command, (stores) =>
        showModel(stores, nameOf(command, name)),
      );
      context.print(command, details, () =>
        [
          `${details.name}: production version ${details.productionVersion ?? 'none'}${details.description ? `\n${details.description}` : ''}`,
          details.versions.length === 0 ? 'no versions' : renderVersions(details.versions),
        ].join('\n\n'),
      );
    });

  models
    .command('versions [name]')
    .description('list the versions of a model (default: setting model.name), newest first')
    .option('--json', 'print {versions} as JSON')
    .action(async (name: string | undefined, _options: unknown, command: Command) => {
      const versions = await withPlatformStores(context, command, (stores) =>
        listModelVersions(stores.registry, nameOf(command, name)),
      );
      context.print(command, { versions }, () =>
        versions.length === 0
          ? 'no versions'
          : renderTable(
              ['VERSION', 'STAGE', 'ALIASES', 'STATUS', 'RUN', 'CREATED'],
              versions.map((v) => [
                v.version,
                v.currentStage,
                v.aliases.join(',') || '-',
                v.status,
                formatCell.text(v.runId),
                formatCell.time(v.creationTime),
              ]),
            ),
      );
    });

  models
    .command('promote <name> <version>')
    .description('put a version in production (alias production, stage Production), recording who and why')
    .requiredOption('--reason <text>', 'why this version goes to production (recorded on the version)')
    .option('--by <name>', 'who decides (default: $AMLOPS_USER or $USER)')
    .option('--force', 'promote a version the promotion gate failed at training (recorded as an override)')
    .option('--json', 'print {version, previous, changed, override} as JSON')
    .action(
      async (
        name: string,
        version: string,
        options: { reason: string; by?: string; force?: boolean },
        command: Command,
      ) => {
        const by = decisionMaker(context.io, options.by);
        const promotion = await withPlatformStores(context, command, (stores) =>
          promoteModelVersion(stores.registry, {
            name,
            version,
            by,
            reason: options.reason,
            force: Boolean(options.force),
          }),
        );
        context.print(command, promotion, () =>
          promotion.changed
            ? `${name} version ${version} is in production${promotion.previous ? ` (was version ${promotion.previous}, now Archived)` : ''}; promoted by ${by}${promotion.override ? `, overriding the promotion gate (${promotion.override})` : ''}`
            : `${name} version ${version} is already in production; nothing changed`,
        );
      },
    );

  models
    .command('rollback <name>')
    .description('put the previous production version back in production, recording who and why')
    .requiredOption('--reason <text>', 'why production is rolled back (recorded on both versions)')
    .option('--by <name>', 'who decides (default: $AMLOPS_USER or $USER)')
    .option('--json', 'print {version, rolledBack} as JSON')
    .action(async (name: string, options: { reason: string; by?: string }, command: Command) => {
      const by = decisionMaker(context.io, options.by);
      const rollback = await withPlatformStores(context, command, (stores) =>
        rollbackProduction(stores.registry, { name, by, reason: options.reason }),
      );
      context.print(
        command,
        rollback,
        () =>
          `${name} version ${rollback.version.version} is back in production (version ${rollback.rolledBack} Archived); rolled back by ${by}`,
      );
    });

  const alias = models
    .command('alias')
    .description('set or delete an alias other than production (such as challenger)');
  alias
    .command('set <name> <alias> <version>')
    .description('point an alias at a READY version')
    .option('--by <name>', 'who moves it (default: $AMLOPS_USER or the OS user)')
    .option('--json', 'print {version} as JSON')
    .action(
      async (
        name: string,
        aliasName: string,
        version: string,
        options: { by?: string },
        command: Command,
      ) => {
        const by = decisionMaker(context.io, options.by);
        const target = await withPlatformStores(context, command, (stores) =>
          modelAliases.set(stores.registry, { name, alias: aliasName, version, by }),
        );
        context.print(
          command,
          { version: target },
          () => `${name}@${aliasName} -> version ${target.version}; set by ${by}`,
        );
      },
    );
  alias
    .command('delete <name> <alias>')
    .description('remove an alias')
    .option('--by <name>', 'who deletes it (default: $AMLOPS_USER or the OS user)')
    .option('--json', 'print {deleted} as JSON')
    .action(async (name: string, aliasName: string, options: { by?: string }, command: Command) => {
      const by = decisionMaker(context.io, options.by);
      await withPlatformStores(context, command, (stores) =>
        modelAliases.delete(stores.registry, { name, alias: aliasName, by }),
      );
      context.print(command, { deleted: { name, alias: aliasName } }, () => `${name}@${aliasName} deleted`);
    });

  models
    .command('import')
    .description(
      'register a model trained by XGBoost (its save_model JSON) as a new version; `col=value` features become a one-hot of col',
    )
    .requiredOption('--xgboost <file>', 'the XGBoost JSON model file')
    .requiredOption('--name <name>', 'the registered model (created when absent)')
    .option(
      '--feature-names <names>',
      'comma-separated feature names, in the model order, when the file has none',
    )
    .option('--description <text>', 'description of the new version')
    .option('--by <name>', 'who imports it (default: $AMLOPS_USER or $USER)')
    .option('--json', 'print {version} as JSON')
    .action(
      async (
        options: { xgboost: string; name: string; featureNames?: string; description?: string; by?: string },
        command: Command,
      ) => {
        const by = decisionMaker(context.io, options.by);
        const text = await readText(resolve(context.io.cwd, options.xgboost));
        const version = await withPlatformStores(context, command, (stores) =>
          importXgboostModel(stores, {
            name: options.name,
            text,
            fileName: basename(options.xgboost),
            by,
            ...(options.featureNames
              ? { featureNames: options.featureNames.split(',').map((n) => n.trim()) }
              : {}),
            ...(options.description ? { description: options.description } : {}),
          }),
        );
        context.print(
          command,
          { version },
          () =>
            `${renderVersionLine(version)}\n(not in production: amlops models promote ${version.name} ${version.version} --reason …)`,
        );
      },
    );

  models
    .command('export <model>')
    .description(
      'write a version (NAME@ALIAS, NAME/VERSION, or NAME for its production version) as a model file',
    )
    .requiredOption('--out <file>', 'the file to write')
    .option('--format <format>', `file format (${EXPORT_FORMATS.join(', ')})`, 'xgboost-json')
    .option('--json', 'print {version, format, out, featureNames} as JSON')
    .action(async (ref: string, options: { out: string; format: string }, command: Command) => {
      const exported = await withPlatformStores(context, command, (stores) =>
        exportModel(stores, ref, options.format),
      );
      const out = resolve(context.io.cwd, options.out);
      await writeFileAtomically(out, async (file) => {
        await file.writeFile(exported.text);
      });
      context.print(
        command,
        { version: exported.version, format: exported.format, out, featureNames: exported.featureNames },
        () =>
          `wrote ${exported.version.name} version ${exported.version.version} as ${exported.format} to ${out}`,
      );
    });
  return models;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new AmlopsError(
      'FILE_NOT_FOUND',
      `cannot read ${path}: ${(error as Error).message}`,
      { file: path },
      { cause: error },
    );
  }
}

function renderVersionLine(v: ModelVersion): string {
  return `${v.name} version ${v.version}: ${v.status}, stage ${v.currentStage}, source ${v.source}`;
}

function renderVersions(versions: readonly VersionDetails[]): string {
  const metrics = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))].sort().slice(0, 4);
  return renderTable(
    ['VERSION', 'STAGE', 'ALIASES', 'STATUS', 'RUN', ...metrics, 'PROMOTED'],
    versions.map((v) => [
      v.version,
      v.stage,
      v.aliases.join(',') || '-',
      v.status,
      v.runId ? v.runId.slice(0, 8) : '-',
      ...metrics.map((key) => formatCell.number(v.metrics[key])),
      v.promotion ? `${v.promotion.at.slice(0, 19)} by ${v.promotion.by}: ${v.promotion.reason}` : '-',
    ]),
  );
}
