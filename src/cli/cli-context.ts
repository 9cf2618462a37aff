import type { Command } from 'commander';
import { loadConfig, type ResolvedConfig, type SettingKey } from '../config/index.js';
import type { CliIo } from './cli-io.js';
import { ProgressBar } from './progress-bar.js';

/** Options every command understands (declared on the program, read with `optsWithGlobals`). */
export interface GlobalOptions {
  readonly config?: string;
  readonly home?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/** What a command needs from the CLI around it: I/O, configuration, output and progress. */
export class CliContext {
  readonly io: CliIo;

  constructor(io: CliIo) {
    this.io = io;
  }

  /** Loads the configuration: defaults < file < environment < the command's flags (and `--home`). */
  config(command: Command, flags: Partial<Record<SettingKey, unknown>> = {}): ResolvedConfig {
    const options = command.optsWithGlobals<GlobalOptions>();
    const defined = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
    return loadConfig({
      ...(options.config ? { configPath: options.config } : {}),
      cwd: this.io.cwd,
      env: this.io.env,
      flags: { ...(options.home ? { home: options.home } : {}), ...defined },
    });
  }

  /** Prints a command's result: JSON with `--json`, otherwise the text rendering. */
  print(command: Command, result: unknown, text: () => string): void {
    if (command.optsWithGlobals<GlobalOptions>().json) this.io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else this.io.stdout(text().endsWith('\n') ? text() : `${text()}\n`);
  }

  /** A progress bar on stderr, drawn only on a terminal and without `--quiet` or `--json`. */
  progress(command: Command, label: string, total: number): ProgressBar {
    const options = command.optsWithGlobals<GlobalOptions>();
    const enabled = this.io.stderrIsTTY && !options.quiet && !options.json;
    return new ProgressBar(label, total, enabled ? this.io.stderr : undefined);
  }
}
