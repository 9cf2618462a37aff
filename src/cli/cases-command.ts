import { Command } from 'commander';
import { openArtifactStore } from '../adapters/artifacts/index.js';
import { SqlAuditLog } from '../adapters/sql/audit-sql-log.js';
import { SqlCaseStore } from '../adapters/sql/case-sql-store.js';
import { openSqlDatabase } from '../adapters/sql/open-sql-database.js';
import { SqlModelRegistry } from '../adapters/sql/sql-model-registry.js';
import { artifactRootOf, type Config, databaseUrlOf } from '../config/index.js';
import { CASE_STATES, type CaseState } from '../core/cases/index.js';
import { AmlopsError } from '../core/errors/index.js';
import type { CaseStore } from '../ports/case-store.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { caseDetails } from '../services/case-details.js';
import { caseThresholdNotice } from '../services/case-threshold-notice.js';
import { assignCase, caseIdOf, concludeCase } from '../services/case-work.js';
import type { CliContext } from './cli-context.js';
import { decisionMaker } from './decision-maker.js';
import { renderCaseDetails, renderCaseList } from './render-cases.js';

interface ListFlags {
  readonly state?: string;
  readonly sort?: string;
  readonly subject?: string;
  readonly limit: string;
  readonly pageToken?: string;
}

/** The stores a cases command works on, over one database, closed together. */
interface CaseStores {
  readonly config: Config;
  readonly cases: CaseStore;
  readonly auditLog: SqlAuditLog;
  readonly registry: ModelRegistry;
}

/** Runs `work` with the configured store's cases, audit log and registry, closing them after. */
async function withCaseStores<T>(
  context: CliContext,
  command: Command,
  work: (stores: CaseStores) => Promise<T>,
): Promise<T> {
  const { config } = context.config(command);
  const database = await openSqlDatabase(databaseUrlOf(config, context.io.cwd));
  const artifactRoot = artifactRootOf(config, context.io.cwd);
  const cases = await SqlCaseStore.open(database);
  const auditLog = await SqlAuditLog.open(database);
  const registry = await SqlModelRegistry.open(database, {
    artifactRoot,
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  await database.close();
  try {
    return await work({ config, cases, auditLog, registry });
  } finally {
    await registry.close();
    await auditLog.close();
    await cases.close();
  }
}

/** `--state open,in_review`, `concluded` or `all`; the queue (open and in review) when absent. */
function statesOf(text: string | undefined): CaseState[] | undefined {
  if (text === undefined) return undefined;
  const asked = text.split(',').map((s) => s.trim().replace('-', '_'));
  if (asked.includes('all')) return [...CASE_STATES];
  for (const state of asked)
    if (!(CASE_STATES as readonly string[]).includes(state))
      throw new AmlopsError(
        'USAGE',
        `--state takes ${CASE_STATES.join(', ')} or all (comma-separated); got '${state}'`,
      );
  return asked as CaseState[];
}

/**
 * `amlops cases list|show|assign|conclude`: the analysts' queue (docs/cases.md). Cases are opened
 * by the audit writer for scores at or above the alert threshold of the version that scored them
 * (and a `cases.sampleRate` share below it); `list` ranks them by score (or `--sort age`) and says
 * when no case can open; `show` gives a case's inputs, TreeSHAP reasons, scores and the subject's
 * other cases; `assign` puts it in review; `conclude` records a configured conclusion with a note,
 * and its label as `POST /feedback` does.
 */
export function casesCommand(context: CliContext): Command {
  const list = new Command('list')
    .description('the queue: open and in-review cases, highest score first')
    .option(
      '--state <states>',
      'open, in_review, concluded or all, comma-separated (default: open,in_review)',
    )
    .option('--sort <order>', 'score (highest first, default) or age (oldest first)')
    .option('--subject <id>', "only this subject's cases")
    .option('--limit <n>', 'most cases listed', '50')
    .option('--page-token <token>', 'the next page, as a previous listing gave it')
    .option('--json', 'print the cases as JSON')
    .action(async (flags: ListFlags, command: Command) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new AmlopsError('USAGE', `--limit must be an integer from 1 to 10000; got ${flags.limit}`);
      if (flags.sort !== undefined && flags.sort !== 'score' && flags.sort !== 'age')
        throw new AmlopsError('USAGE', `--sort takes score or age; got '${flags.sort}'`);
      const states = statesOf(flags.state);
      const result = await withCaseStores(context, command, async ({ config, cases, registry }) => {
        const page = await cases.list({
          ...(states ? { states } : {}),
          ...(flags.sort ? { sort: flags.sort as 'score' | 'age' } : {}),
          ...(flags.subject !== undefined ? { subject: flags.subject } : {}),
          ...(flags.pageToken !== undefined ? { pageToken: flags.pageToken } : {}),
          maxResults: limit,
        });
        return {
          cases: page.items,
          ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
          counts: await cases.activeCounts(),
          alertThreshold: await caseThresholdNotice(registry, config['model.name']),
        };
      });
      context.print(command, result, () => renderCaseList(result));
    });
  const show = new Command('show')
    .description("a case: its inputs, score, reasons, scored cases and the subject's other cases")
    .argument('<id>', 'the case id (as the list prints it)')
    .option('--json', 'print the case as JSON')
    .action(async (idText: string, _flags: unknown, command: Command) => {
      const id = caseIdOf(idText);
      const details = await withCaseStores(context, command, ({ config, cases, auditLog }) =>
        caseDetails(
          {
            cases,
            auditLog,
            // The model and its explainer are loaded for `show` only: `list` starts without them.
            explainCase: async (scored) => {
              const [{ loadCliModel }, { explainAuditedInputs }] = await Promise.all([
                import('./load-cli-model.js'),
                import('../services/explain-audited-inputs.js'),
              ]);
              const model = await loadCliModel(
                config,
                context.io.cwd,
                `${scored.modelName}/${scored.modelVersion}`,
              );
              return explainAuditedInputs(model.scorer, scored.inputs);
            },
          },
          id,
        ),
      );
      context.print(command, details, () => renderCaseDetails(details));
    });
  const assign = new Command('assign')
    .description('take a case (or give it to --to): it moves to in review, with who and when')
    .argument('<id>', 'the case id')
    .option('--to <name>', 'who takes it (default: you)')
    .option('--by <name>', 'who assigns it (default: $AMLOPS_USER or the OS user)')
    .option('--json', 'print the case as JSON')
    .action(async (idText: string, flags: { to?: string; by?: string }, command: Command) => {
      const id = caseIdOf(idText);
      const by = decisionMaker(context.io, flags.by);
      const taken = await withCaseStores(context, command, ({ cases }) =>
        assignCase(cases, { id, assignee: flags.to ?? by, by }),
      );
      context.print(
        command,
        { case: taken },
        () => `case #${taken.id} in review by ${taken.assignee} (assigned by ${taken.assignedBy})`,
      );
    });
  const conclude = new Command('conclude')
    .description(
      'conclude a case with one of the configured conclusions and a note: its label is recorded as POST /feedback records it',
    )
    .argument('<id>', 'the case id')
    .requiredOption(
      '--conclusion <value>',
      'data.negativeValue (label 0) or one of data.positiveValues (label 1)',
    )
    .option('--note <text>', 'what the analyst found', '')
    .option('--by <name>', 'who concludes (default: $AMLOPS_USER or the OS user)')
    .option('--json', 'print the case as JSON')
    .action(
      async (idText: string, flags: { conclusion: string; note: string; by?: string }, command: Command) => {
        const id = caseIdOf(idText);
        const by = decisionMaker(context.io, flags.by);
        const { config } = context.config(command);
        const choices = { negative: config['data.negativeValue'], positives: config['data.positiveValues'] };
        const done = await withCaseStores(context, command, ({ cases }) =>
          concludeCase(cases, choices, { id, conclusion: flags.conclusion, note: flags.note, by }),
        );
        context.print(
          command,
          { case: done },
          () =>
            `case #${done.id}${done.subject !== null ? ` of ${done.subject}` : ''} concluded ${done.conclusion} (label ${done.label}) by ${done.concludedBy}; ${done.scores} scored case${done.scores === 1 ? '' : 's'} labelled`,
        );
      },
    );
  return new Command('cases')
    .description("the analysts' queue of alerted cases: list, show, assign, conclude")
    .addCommand(list)
    .addCommand(show)
    .addCommand(assign)
    .addCommand(conclude);
}
