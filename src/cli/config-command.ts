import { Command } from 'commander';
import { configToNestedJson, redactValue, SETTING_KEYS } from '../config/index.js';
import type { CliContext } from './cli-context.js';

/** `amlops config`: prints the effective configuration and where each value came from. */
export function configCommand(context: CliContext): Command {
  return new Command('config')
    .description(
      'print the effective configuration (defaults < file < environment < flags), secrets redacted',
    )
    .option('--json', 'print the configuration as JSON, in the shape of amlops.config.json')
    .action((_options, command: Command) => {
      const resolved = context.config(command);
      context.print(command, configToNestedJson(resolved.config), () => {
        const width = Math.max(...SETTING_KEYS.map((k) => k.length));
        const lines = SETTING_KEYS.map(
          (key) =>
            `${key.padEnd(width)}  ${JSON.stringify(redactValue(key, resolved.config[key]))}  (${resolved.sources[key]})`,
        );
        if (resolved.file) lines.unshift(`# file: ${resolved.file}`);
        return lines.join('\n');
      });
    });
}
