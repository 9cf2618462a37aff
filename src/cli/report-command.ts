import { writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { Command } from 'commander';
import { openSqlDatabase } from '../adapters/sql/open-sql-database.js';
import { SqlQualityReportStore } from '../adapters/sql/quality-report-sql-store.js';
import { profileFileOnThread } from '../adapters/threads/profile-file-thread.js';
import { databaseUrlOf } from '../config/index.js';
import { AmlopsError } from '../core/errors/index.js';
import { renderQualityHtml } from '../core/quality/html/render-quality-html.js';
import type { QualityReport } from '../core/quality/quality-report.js';
import type { QualityReportKind, QualityReportStore } from '../ports/quality-report-store.js';
import { filesQualityReport } from '../services/files-quality-report.js';
import type { CliContext } from './cli-context.js';
import { renderQualityReport } from './render-quality-report.js';
import { renderTable } from './render-table.js';

const KINDS: readonly QualityReportKind[] = ['training', 'live', 'files'];

/**
 * `amlops report quality|list|show`: data quality and drift reports. `quality` compares two files
 * (reference and current) and stores the report; `list` shows stored reports (training, live,
 * files), newest first; `show` prints one, and writes its HTML with `--out`.
 */
export function reportCommand(context: CliContext): Command {
  const withStore = async <T>(
    command: Command,
    work: (store: QualityReportStore) => Promise<T>,
  ): Promise<T> => {
    const { config } = context.config(command);
    const database = await openSqlDatabase(databaseUrlOf(config, context.io.cwd));
    const store = await SqlQualityReportStore.open(database);
    await database.close();
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  };
  const path = (file: string) =>
    /^[a-z][a-z0-9+.-]+:\/\//i.test(file) || isAbsolute(file) ? file : resolve(context.io.cwd, file);
  const writeHtml = (out: string, report: QualityReport, subtitle: string) =>
    writeFileSync(
      path(out),
      renderQualityHtml(report, {
        title: 'Data quality and drift',
        subtitle,
        generatedAt: new Date().toISOString(),
      }),
    );

  const quality = new Command('quality')
    .description(
      "compare a current data file with a reference one: dataset and column statistics, drift per column with Evidently's default tests, PSI; stored as a report",
    )
    .requiredOption(
      '--reference <file>',
      'reference data (e.g. the training data): .csv, .parquet, .jsonl, local or s3://',
    )
    .requiredOption('--current <file>', 'current data to compare with it')
    .option('--target <column>', 'the target column (default: data.targetColumn, when the files have it)')
    .option('--out <file>', 'also write the report as a self-contained HTML page')
    .option('--json', 'print the whole report as JSON')
    .action(
      async (
        flags: { reference: string; current: string; target?: string; out?: string },
        command: Command,
      ) => {
        const { config } = context.config(command);
        const target = flags.target ?? config['data.targetColumn'];
        const schema = {
          numeric: config['data.numericColumns'],
          categorical: config['data.categoricalColumns'],
          target,
        };
        const profileFile = (file: { source: string; name: string }) =>
          profileFileOnThread({
            ...file,
            schema,
            target: { column: target, negativeValue: config['data.negativeValue'] },
          });
        const { report, summary } = await withStore(command, (store) =>
          filesQualityReport(
            { profileFile, quality: store, now: Date.now },
            {
              reference: { source: path(flags.reference), name: flags.reference },
              current: { source: path(flags.current), name: flags.current },
            },
          ),
        );
        if (flags.out) writeHtml(flags.out, report, `${flags.current} against ${flags.reference}`);
        context.print(command, { id: summary?.id ?? null, ...report }, () =>
          [
            renderQualityReport(report),
            '',
            `report ${summary?.id}${flags.out ? `; HTML written to ${flags.out}` : ''}`,
          ].join('\n'),
        );
      },
    );

  const list = new Command('list')
    .description('list stored quality reports, newest first')
    .option('--kind <kind>', `only reports of this kind: ${KINDS.join(', ')}`)
    .option('--model-version <v>', 'only reports about this model version')
    .option('--limit <n>', 'most reports listed', '20')
    .option('--json', 'print the reports as JSON')
    .action(async (flags: { kind?: string; modelVersion?: string; limit: string }, command: Command) => {
      if (flags.kind !== undefined && !KINDS.includes(flags.kind as QualityReportKind))
        throw new AmlopsError('USAGE', `--kind must be one of ${KINDS.join(', ')}; got ${flags.kind}`);
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new AmlopsError('USAGE', `--limit must be an integer from 1 to 10000; got ${flags.limit}`);
      const { items } = await withStore(command, (store) =>
        store.listReports({
          ...(flags.kind ? { kind: flags.kind as QualityReportKind } : {}),
          ...(flags.modelVersion ? { modelVersion: flags.modelVersion } : {}),
          maxResults: limit,
        }),
      );
      context.print(command, items, () =>
        items.length === 0
          ? 'no quality reports'
          : renderTable(
              ['ID', 'CREATED', 'KIND', 'VERSION', 'ROWS REF/CUR', 'DRIFTED', 'DATASET DRIFT', 'WARNINGS'],
              items.map((r) => [
                r.id,
                new Date(r.createdAt).toISOString(),
                r.kind,
                r.modelVersion ?? '-',
                `${r.referenceRows}/${r.currentRows}`,
                `${r.driftedColumns}/${r.testedColumns}`,
                r.datasetDrift ? 'DRIFT' : 'no',
                String(r.warnings),
              ]),
            ),
      );
    });

  const show = new Command('show')
    .description('print a stored quality report')
    .argument('<id>', 'the report id (amlops report list)')
    .option('--out <file>', 'also write it as a self-contained HTML page')
    .option('--json', 'print the whole report as JSON')
    .action(async (id: string, flags: { out?: string }, command: Command) => {
      const stored = await withStore(command, (store) => store.getReport(id));
      if (flags.out) writeHtml(flags.out, stored.report, `${stored.kind} report ${stored.id}`);
      context.print(command, stored, () => renderQualityReport(stored.report));
    });

  return new Command('report')
    .description('data quality and drift reports')
    .addCommand(quality)
    .addCommand(list)
    .addCommand(show);
}
