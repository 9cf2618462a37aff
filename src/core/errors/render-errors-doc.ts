import { ERROR_CODES } from './error-codes.js';
import type { ErrorSpec } from './error-spec.js';

/** `docs/errors.md`, generated from the error registry (a test keeps it complete and fresh). */
export function renderErrorsDoc(): string {
  const lines = [
    '# Errors',
    '',
    '<!-- Generated from src/core/errors/ by `npm run docs`. Do not edit by hand. -->',
    '',
    'Every error amlops reports on purpose has a code. The HTTP APIs answer',
    '`{"error": {"code", "message", "details"}}` with the status below; the CLI prints',
    '`error CODE: message` on stderr (or the same JSON object with `--json`) and exits with the',
    'exit code below. Any other failure is a bug: HTTP 500 without internals, CLI exit code 70.',
    '',
    '| code | HTTP status | exit code | meaning |',
    '| --- | --- | --- | --- |',
  ];
  for (const [code, spec] of Object.entries(ERROR_CODES) as [string, ErrorSpec][]) {
    lines.push(`| \`${code}\` | ${spec.status} | ${spec.exit} | ${spec.description} |`);
  }
  return `${lines.join('\n')}\n`;
}
