import { isAbsolute, resolve } from 'node:path';
import { Command } from 'commander';
import { writeTable } from '../adapters/data/write-table.js';
import { openAuditLog } from '../adapters/sql/audit-open-log.js';
import { SqlAuditLog } from '../adapters/sql/audit-sql-log.js';
import { SqlFeedbackLog } from '../adapters/sql/feedback-sql-log.js';
import { openSqlDatabase } from '../adapters/sql/open-sql-database.js';
import { databaseUrlOf } from '../config/index.js';
import { AmlopsError } from '../core/errors/index.js';
import { livePerformance, type VersionPerformance } from '../core/evaluate/live-performance.js';
import type { LiveSegments } from '../core/evaluate/segment-live-breakdown.js';
import { Frame } from '../core/frame/frame.js';
import type { ScoredCase, ScoredCaseQuery } from '../ports/audit-log.js';
import type { CaseFeedback } from '../ports/feedback-log.js';
import { findNamedCase } from '../services/find-named-case.js';
import {
  liveSegmentPerformance,
  type VersionSegmentPerformance,
} from '../services/live-segment-performance.js';
import type { CliContext } from './cli-context.js';
import { loginName } from './decision-maker.js';
import { renderSegments } from './render-segments.js';
import { segmentThresholdText } from './segment-threshold-text.js';
import { eraseCommand, erasuresCommand, exportSubject } from './subject-data-commands.js';
import { withPlatformStores } from './with-platform-stores.js';

interface FilterFlags {
  readonly model?: string;
  readonly modelVersion?: string;
  readonly request?: string;
  readonly clientRequest?: string;
  readonly case?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: string;
}

const PAGE = 10_000;

/**
 * `amlops predictions list|export`: the audit log of scored cases (request id, row, case id, model
 * version, inputs, score, time, caller, the client's own X-Request-Id), newest first, filtered by
 * model, version, request, client request id, case and time; `export --output FILE` writes them as CSV, Parquet or JSON Lines; `conclude CASE
 * --conclusion X` records an analyst's conclusion (as `/feedback`); `performance` measures each
 * model version on the cases analysts concluded on, by segment of an input column with `--by`.
 */
export function predictionsCommand(context: CliContext): Command {
  const withFilters = (command: Command) =>
    command
      .option('--model <name>', 'only cases scored by this registered model')
      .option('--model-version <v>', 'only cases scored by this version')
      .option('--request <id>', 'only the cases of this request id (the one the server answered)')
      .option(
        '--client-request <id>',
        'only the cases of the requests a client sent with this X-Request-Id header',
      )
      .option('--case <id>', 'only the scorings of this case id')
      .option('--since <time>', 'scored at or after this ISO time')
      .option('--until <time>', 'scored before this ISO time');
  const open = (command: Command) => {
    const { config } = context.config(command);
    return openAuditLog(databaseUrlOf(config, context.io.cwd));
  };
  const list = withFilters(new Command('list'))
    .description('list scored cases, newest first')
    .option('--limit <n>', 'most cases listed', '50')
    .option('--json', 'print the cases as JSON')
    .action(async (flags: FilterFlags, command: Command) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
        throw new AmlopsError('USAGE', `--limit must be an integer from 1 to 100000; got ${flags.limit}`);
      const log = await open(command);
      try {
        const { items } = await log.list({ ...query(flags), maxResults: limit });
        context.print(command, items, () =>
          items.length === 0
            ? 'no scored cases'
            : items
                .map(
                  (c) =>
                    `${new Date(c.time).toISOString()}  ${c.modelName}/${c.modelVersion}  ${c.requestId}#${c.row}${c.caseId ? ` (${c.caseId})` : ''}${c.clientRequestId ? `  client ${c.clientRequestId}` : ''}  ${c.score.toFixed(6)}  ${JSON.stringify(c.inputs)}`,
                )
                .join('\n'),
        );
      } finally {
        await log.close();
      }
    });
  const exportCommand = withFilters(new Command('export'))
    .description(
      "write scored cases to a CSV, Parquet or JSON Lines file; --subject ID writes all a subject's cases and conclusions as one JSON document",
    )
    .requiredOption(
      '--output <file>',
      'file to write: .csv, .parquet, .jsonl or .ndjson (.json with --subject)',
    )
    .option(
      '--subject <id>',
      "a subject's records, for its access request: its scored cases and the conclusions on them",
    )
    .option('--json', 'print a summary as JSON')
    .action(async (flags: FilterFlags & { output: string; subject?: string }, command: Command) => {
      if (flags.subject !== undefined) {
        if (Object.keys(query(flags)).length > 0)
          throw new AmlopsError(
            'USAGE',
            '--subject exports everything about the subject: it takes no other filter',
          );
        await exportSubject(context, command, open, { subject: flags.subject, output: flags.output });
        return;
      }
      const log = await open(command);
      const cases: ScoredCase[] = [];
      try {
        let token: string | undefined;
        do {
          const page = await log.list({
            ...query(flags),
            maxResults: PAGE,
            ...(token ? { pageToken: token } : {}),
          });
          cases.push(...page.items);
          token = page.nextPageToken;
        } while (token);
      } finally {
        await log.close();
      }
      const text = (name: string, values: (string | null)[]) => ({ kind: 'text' as const, name, values });
      const frame = new Frame(
        [
          text(
            'request_id',
            cases.map((c) => c.requestId),
          ),
          { kind: 'numeric', name: 'row', values: Float64Array.from(cases, (c) => c.row) },
          text(
            'case_id',
            cases.map((c) => c.caseId),
          ),
          text(
            'model_name',
            cases.map((c) => c.modelName),
          ),
          text(
            'model_version',
            cases.map((c) => c.modelVersion),
          ),
          { kind: 'numeric', name: 'score', values: Float64Array.from(cases, (c) => c.score) },
          text(
            'scored_at',
            cases.map((c) => new Date(c.time).toISOString()),
          ),
          text(
            'caller',
            cases.map((c) => c.caller),
          ),
          text(
            'client_request_id',
            cases.map((c) => c.clientRequestId),
          ),
          text(
            'inputs',
            cases.map((c) => JSON.stringify(c.inputs)),
          ),
        ],
        cases.length,
      );
      const output = isAbsolute(flags.output) ? flags.output : resolve(context.io.cwd, flags.output);
      await writeTable(output, frame);
      context.print(
        command,
        { output: flags.output, rows: cases.length },
        () => `wrote ${cases.length} scored cases to ${flags.output}`,
      );
    });
  const performance = new Command('performance')
    .description(
      'how each model version did on the cases analysts concluded on (POST /feedback): ROC AUC, average precision, Brier score, mean score against the share concluded positive; --by COLUMN breaks each version down by segment',
    )
    .option('--model <name>', 'only cases scored by this registered model')
    .option('--model-version <v>', 'only cases scored by this version')
    .option('--since <time>', 'scored at or after this ISO time')
    .option('--until <time>', 'scored before this ISO time')
    .option(
      '--by <column>',
      "by segment of this input column (e.g. risk_pld; an amount in its training's bands): ROC AUC, precision and recall at the threshold, alert rate, cases and positives of each",
    )
    .option('--json', 'print the figures as JSON')
    .action(async (flags: FilterFlags & { by?: string }, command: Command) => {
      const log = await open(command);
      let versions: (VersionPerformance | VersionSegmentPerformance)[];
      try {
        versions =
          flags.by === undefined
            ? livePerformance(await log.labelledScores(query(flags)))
            : await withPlatformStores(context, command, (stores) =>
                liveSegmentPerformance({ auditLog: log, stores }, query(flags), flags.by!),
              );
      } finally {
        await log.close();
      }
      const figure = (x: number | null) => (x === null ? 'n/a (one class so far)' : x.toFixed(4));
      context.print(command, versions, () =>
        versions.length === 0
          ? 'no scored case has feedback yet: analysts post their conclusions to /feedback'
          : versions
              .map((v) =>
                [
                  `${v.modelName}/${v.modelVersion}: ${v.labelled} concluded cases (${v.positives} laundering)  ROC AUC ${figure(v.rocAuc)}  average precision ${figure(v.averagePrecision)}  Brier ${v.brierScore.toFixed(4)}  mean score ${v.meanScore.toFixed(4)} vs positive rate ${v.positiveRate.toFixed(4)}`,
                  ...('segments' in v ? liveSegmentLines(v.segments) : []),
                ].join('\n'),
              )
              .join('\n'),
      );
    });
  const conclude = new Command('conclude')
    .description(
      "record an analyst's conclusion on a scored case (as POST /feedback does): it becomes a label for live performance",
    )
    .argument('<case>', 'the case as a listing prints it: its case id, or request#row')
    .requiredOption(
      '--conclusion <value>',
      'the conclusion, e.g. REPORTED_TO_AUTHORITY (data.negativeValue is label 0)',
    )
    .option('--analyst <name>', 'who concluded (default: AMLOPS_USER or the login name)')
    .option('--json', 'print the recorded feedback as JSON')
    .action(async (name: string, flags: { conclusion: string; analyst?: string }, command: Command) => {
      const { config } = context.config(command);
      if (flags.conclusion.trim() === '') throw new AmlopsError('USAGE', '--conclusion must not be empty');
      // One database for both: the audit log finds the case, the feedback log records the conclusion.
      const database = await openSqlDatabase(databaseUrlOf(config, context.io.cwd));
      const log = await SqlAuditLog.open(database);
      const feedbackLog = await SqlFeedbackLog.open(database);
      await database.close();
      try {
        const scored = await findNamedCase(log, name);
        if (!scored)
          throw new AmlopsError(
            'FEEDBACK_CASE_NOT_FOUND',
            `no scored case with case id (or request#row) ${JSON.stringify(name)} in the audit log`,
            { case: name },
          );
        const feedback: CaseFeedback = {
          requestId: scored.requestId,
          row: scored.row,
          caseId: scored.caseId,
          conclusion: flags.conclusion,
          label: flags.conclusion === config['data.negativeValue'] ? 0 : 1,
          time: Date.now(),
          analyst: flags.analyst ?? loginName(context.io) ?? '',
        };
        await feedbackLog.recordFeedback(feedback);
        context.print(
          command,
          {
            feedback,
            scored: { modelName: scored.modelName, modelVersion: scored.modelVersion, score: scored.score },
          },
          () =>
            `${scored.requestId}#${scored.row}${scored.caseId ? ` (${scored.caseId})` : ''} concluded ${flags.conclusion} (label ${feedback.label}) by ${feedback.analyst || 'unknown'}; scored ${scored.score.toFixed(6)} by ${scored.modelName}/${scored.modelVersion}`,
        );
      } finally {
        await feedbackLog.close();
        await log.close();
      }
    });
  return new Command('predictions')
    .description(
      "the audit log of scored cases: list or export them, conclude on them, their live performance, a subject's export and erasure",
    )
    .addCommand(list)
    .addCommand(exportCommand)
    .addCommand(conclude)
    .addCommand(performance)
    .addCommand(eraseCommand(context, open))
    .addCommand(erasuresCommand(context, open));
}

/** A version's concluded cases by segment, under its line. */
function liveSegmentLines(segments: LiveSegments): string[] {
  const bands =
    segments.bandsFrom === 'training'
      ? ", in its training's bands"
      : segments.bandsFrom === 'concluded-cases'
        ? ", in the concluded cases' quartiles"
        : '';
  return [
    `  by ${segments.column}${bands}, alerts at ${segmentThresholdText(segments.threshold)}:`,
    ...(segments.breakdown ? [renderSegments([segments.breakdown], '  ')] : []),
    ...segments.notes.map((note) => `  note: ${note}`),
  ];
}

function query(flags: FilterFlags): ScoredCaseQuery {
  const time = (text: string | undefined, name: string) => {
    if (text === undefined) return undefined;
    const t = Date.parse(text);
    if (Number.isNaN(t)) throw new AmlopsError('USAGE', `--${name} must be an ISO date or time; got ${text}`);
    return t;
  };
  const since = time(flags.since, 'since');
  const until = time(flags.until, 'until');
  return {
    ...(flags.model ? { modelName: flags.model } : {}),
    ...(flags.modelVersion ? { modelVersion: flags.modelVersion } : {}),
    ...(flags.request ? { requestId: flags.request } : {}),
    ...(flags.clientRequest ? { clientRequestId: flags.clientRequest } : {}),
    ...(flags.case ? { caseId: flags.case } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
  };
}
