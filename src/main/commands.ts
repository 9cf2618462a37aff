import { alertsCommand } from '../cli/alerts-command.js';
import { backupCommand } from '../cli/backup-command.js';
import { casesCommand } from '../cli/cases-command.js';
import { configCommand } from '../cli/config-command.js';
import { evaluateCommand } from '../cli/evaluate-command.js';
import { experimentsCommand } from '../cli/experiments-command.js';
import { generateCommand } from '../cli/generate-command.js';
import { initCommand } from '../cli/init-command.js';
import { keysCommand } from '../cli/keys-command.js';
import { migrateCommand } from '../cli/migrate-command.js';
import { modelsCommand } from '../cli/models-command.js';
import { pipelinesCommand } from '../cli/pipelines-command.js';
import { predictionsCommand } from '../cli/predictions-command.js';
import { reportCommand } from '../cli/report-command.js';
import type { CommandFactory } from '../cli/run-cli.js';
import { runsCommand } from '../cli/runs-command.js';
import { scoreCommand } from '../cli/score-command.js';
import { serveCommand } from '../cli/serve-command.js';
import { thresholdCommand } from '../cli/threshold-command.js';
import { trainCommand } from '../cli/train-command.js';
import { upCommand } from '../cli/up-command.js';
import { validateCommand } from '../cli/validate-command.js';
import { workerCommand } from '../cli/worker-command.js';
import { lazyCliRuntime } from './lazy-cli-runtime.js';

/** Every command of the `amlops` CLI, in the order `--help` lists them. */
export const COMMANDS: readonly CommandFactory[] = [
  (context) => upCommand(context, lazyCliRuntime),
  generateCommand,
  initCommand,
  validateCommand,
  (context) => trainCommand(context, lazyCliRuntime),
  evaluateCommand,
  modelsCommand,
  thresholdCommand,
  runsCommand,
  experimentsCommand,
  (context) => serveCommand(context, lazyCliRuntime),
  scoreCommand,
  predictionsCommand,
  casesCommand,
  reportCommand,
  alertsCommand,
  (context) => pipelinesCommand(context, lazyCliRuntime),
  (context) => workerCommand(context, lazyCliRuntime),
  keysCommand,
  migrateCommand,
  backupCommand,
  configCommand,
];
