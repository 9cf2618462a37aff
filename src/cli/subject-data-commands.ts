import { writeFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { Command } from 'commander';
import { AmlopsError } from '../core/errors/index.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { CliContext } from './cli-context.js';
import { decisionMaker } from './decision-maker.js';
import { renderTable } from './render-table.js';

type OpenLog = (command: Command) => Promise<AuditLog>;

/**
 * `amlops predictions export --subject ID --output FILE.json`: everything the audit log keeps about
 * a subject (the value of the model's id column): its scored cases and the conclusions on them,
 * for a subject's access request.
 */
export async function exportSubject(
  context: CliContext,
  command: Command,
  open: OpenLog,
  flags: { readonly subject: string; readonly output: string },
): Promise<void> {
  if (!flags.output.toLowerCase().endsWith('.json'))
    throw new AmlopsError(
      'USAGE',
      `--subject exports one JSON document: --output must end with .json; got ${flags.output}`,
    );
  const log = await open(command);
  try {
    const records = await log.subjectRecords(flags.subject);
    const document = {
      subject: records.subject,
      exportedAt: new Date().toISOString(),
      exportedBy: decisionMaker(context.io, undefined),
      cases: records.cases.map((c) => ({ ...c, time: new Date(c.time).toISOString() })),
      conclusions: records.conclusions.map((f) => ({ ...f, time: new Date(f.time).toISOString() })),
    };
    const output = isAbsolute(flags.output) ? flags.output : resolve(context.io.cwd, flags.output);
    await writeFile(output, `${JSON.stringify(document, null, 2)}\n`);
    context.print(
      command,
      {
        output: flags.output,
        subject: flags.subject,
        cases: records.cases.length,
        conclusions: records.conclusions.length,
      },
      () =>
        `wrote ${records.cases.length} scored cases and ${records.conclusions.length} conclusions about ${flags.subject} to ${flags.output}`,
    );
  } finally {
    await log.close();
  }
}

/**
 * `amlops predictions erase --subject ID [--by NAME] [--yes]`: deletes a subject's scored cases
 * and conclusions (a right-to-erasure request) and records that it was done, by whom and how
 * many, keeping a hash of the subject, not its id. Asks first on a terminal; `--yes` for scripts.
 */
export function eraseCommand(context: CliContext, open: OpenLog): Command {
  return new Command('erase')
    .description(
      "delete a subject's scored cases and conclusions (right to erasure); the erasure itself is recorded",
    )
    .requiredOption('--subject <id>', "the subject: the value of the model's id column (e.g. a user id)")
    .option('--by <name>', 'who erases (default: AMLOPS_USER or the login name)')
    .option('-y, --yes', 'erase without asking (for scripts)')
    .option('--json', 'print the erasure record as JSON')
    .action(async (flags: { subject: string; by?: string; yes?: boolean }, command: Command) => {
      if (flags.subject.trim() === '') throw new AmlopsError('USAGE', '--subject must not be empty');
      const by = decisionMaker(context.io, flags.by);
      const log = await open(command);
      try {
        if (!flags.yes) {
          const held = await log.subjectRecords(flags.subject);
          if (!context.io.ask)
            throw new AmlopsError(
              'USAGE',
              `erasing cannot be undone and there is no terminal to ask on: pass --yes to erase ${held.cases.length} scored cases and ${held.conclusions.length} conclusions about ${flags.subject}`,
            );
          const answer = await context.io.ask(
            `Erase ${held.cases.length} scored cases and ${held.conclusions.length} conclusions about ${flags.subject}? This cannot be undone. [y/N] `,
          );
          if (!/^\s*y(es)?\s*$/i.test(answer)) {
            context.io.stdout('nothing erased\n');
            return;
          }
        }
        const erased = await log.eraseSubject(flags.subject, by, Date.now());
        context.print(
          command,
          erased,
          () =>
            `erased ${erased.cases} scored cases and ${erased.conclusions} conclusions about ${flags.subject}; recorded as erasure ${erased.subjectHash.slice(0, 12)}… by ${erased.by}`,
        );
      } finally {
        await log.close();
      }
    });
}

/** `amlops predictions erasures`: the record of erasures done (subject hash, when, by whom, how many). */
export function erasuresCommand(context: CliContext, open: OpenLog): Command {
  return new Command('erasures')
    .description('the erasures done: when, by whom, how many records, and the SHA-256 of each subject')
    .option('--json', 'print them as JSON')
    .action(async (_flags, command: Command) => {
      const log = await open(command);
      try {
        const erasures = await log.listErasures();
        context.print(command, erasures, () =>
          erasures.length === 0
            ? 'no erasures'
            : renderTable(
                ['ERASED', 'BY', 'CASES', 'CONCLUSIONS', 'SUBJECT SHA-256'],
                erasures.map((e) => [
                  new Date(e.at).toISOString(),
                  e.by,
                  String(e.cases),
                  String(e.conclusions),
                  e.subjectHash,
                ]),
              ),
        );
      } finally {
        await log.close();
      }
    });
}
