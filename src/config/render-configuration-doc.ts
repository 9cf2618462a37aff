import { allowedValues } from './parse-setting.js';
import type { SettingSpec } from './setting-spec.js';
import { SETTINGS } from './settings.js';

/** `docs/configuration.md`, generated from the settings declarations (a test keeps it fresh). */
export function renderConfigurationDoc(): string {
  const lines = [
    '# Configuration',
    '',
    '<!-- Generated from src/config/settings.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    'Every setting has a default, can be set in `amlops.config.json` (or the file given with',
    '`--config FILE` or `AMLOPS_CONFIG`) as nested JSON (`{"split": {"testSize": 0.2}}`) or dotted keys,',
    'and can be overridden by its environment variable and, where a command has one, by a flag.',
    'Order of precedence, lowest first: default < file < environment < flag. An invalid value stops',
    'the command with `CONFIG_INVALID`, naming the setting, the value and what is allowed.',
    '`amlops config` prints the effective configuration, with secrets redacted.',
    '',
    'A secret setting (a password, a URL that may carry one) is read from its environment variable or,',
    'as container secrets are mounted, from the file named by the variable with `_FILE` appended',
    '(`DATABASE_URL_FILE=/run/secrets/database-url`; a trailing newline is trimmed); setting both is',
    '`CONFIG_INVALID`. Never write one in `amlops.config.json` kept in a repository. See',
    '[security.md](security.md#secrets) for what is redacted where.',
    '',
    '| setting | environment | type | default | description |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [key, spec] of Object.entries(SETTINGS) as [string, SettingSpec][]) {
    const def = Array.isArray(spec.default) ? JSON.stringify(spec.default) : JSON.stringify(spec.default);
    lines.push(
      `| \`${key}\` | \`${spec.env}\` | ${allowedValues(spec).replace(/\|/g, '\\|')} | \`${def}\` | ${spec.description}${spec.secret ? ` Secret: redacted when printed; \`${spec.env}_FILE\` reads it from a file.` : ''} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
