import { AmlopsError } from '../core/errors/index.js';
import type { CliIo } from './cli-io.js';

/**
 * Who makes a production decision from the CLI: `--by` when given, else the login name (see
 * `loginName`). USAGE when none says.
 *
 * @example
 * decisionMaker(context.io, options.by); // 'alice'
 */
export function decisionMaker(io: CliIo, by: string | undefined): string {
  const who = by ?? loginName(io);
  if (!who?.trim())
    throw new AmlopsError('USAGE', 'say who makes this decision with --by NAME (or set AMLOPS_USER)');
  return who.trim();
}

/**
 * Who runs this command, from the environment (`AMLOPS_USER`, `USER`, `LOGNAME`, `USERNAME`), else
 * the operating system's user name (a container often sets no `USER`), or undefined when none says.
 *
 * @example
 * loginName(context.io); // 'alice'
 */
export function loginName(io: CliIo): string | undefined {
  const who = io.env.AMLOPS_USER ?? io.env.USER ?? io.env.LOGNAME ?? io.env.USERNAME ?? io.osUser;
  return who?.trim() || undefined;
}
