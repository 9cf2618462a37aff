import { AmlopsError } from '../core/errors/index.js';
import type { Finding } from '../core/findings/index.js';

/**
 * The DATA_INVALID error for a validation with fatal findings: their codes in the message, and
 * each fatal finding's code and path in the details (the findings themselves carry the messages).
 *
 * @example
 * if (!result.ok) throw dataInvalidError('cases.csv', result.findings);
 */
export function dataInvalidError(source: string, findings: readonly Finding[]): AmlopsError {
  const fatal = findings.filter((f) => f.severity === 'fatal');
  return new AmlopsError(
    'DATA_INVALID',
    `${source} failed validation with ${fatal.length} fatal finding${fatal.length === 1 ? '' : 's'}: ${[...new Set(fatal.map((f) => f.code))].join(', ')}`,
    { file: source, fatal: fatal.map(({ code, path }) => ({ code, path })) },
  );
}
