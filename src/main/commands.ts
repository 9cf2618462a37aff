import type { LazyCommand } from '../cli/lazy-command.js';
import { lazyCliRuntime } from './lazy-cli-runtime.js';

/**
 * Every command of the `amlops` CLI, in the order `--help` lists them. Each is imported when it
 * runs: a command's start-up reads its own modules, not the whole CLI's (issue 17).
 */
export const COMMANDS: readonly LazyCommand[] = [
  {
    name: 'up',
    load: async () => {
      const { upCommand } = await import('../cli/up-command.js');
      return (context) => upCommand(context, lazyCliRuntime);
    },
  },
  { name: 'generate', load: async () => (await import('../cli/generate-command.js')).generateCommand },
  { name: 'init', load: async () => (await import('../cli/init-command.js')).initCommand },
  { name: 'validate', load: async () => (await import('../cli/validate-command.js')).validateCommand },
  {
    name: 'train',
    load: async () => {
      const { trainCommand } = await import('../cli/train-command.js');
      return (context) => trainCommand(context, lazyCliRuntime);
    },
  },
  { name: 'evaluate', load: async () => (await import('../cli/evaluate-command.js')).evaluateCommand },
  { name: 'models', load: async () => (await import('../cli/models-command.js')).modelsCommand },
  { name: 'threshold', load: async () => (await import('../cli/threshold-command.js')).thresholdCommand },
  { name: 'runs', load: async () => (await import('../cli/runs-command.js')).runsCommand },
  {
    name: 'experiments',
    load: async () => (await import('../cli/experiments-command.js')).experimentsCommand,
  },
  {
    name: 'serve',
    load: async () => {
      const { serveCommand } = await import('../cli/serve-command.js');
      return (context) => serveCommand(context, lazyCliRuntime);
    },
  },
  { name: 'score', load: async () => (await import('../cli/score-command.js')).scoreCommand },
  {
    name: 'predictions',
    load: async () => (await import('../cli/predictions-command.js')).predictionsCommand,
  },
  { name: 'cases', load: async () => (await import('../cli/cases-command.js')).casesCommand },
  { name: 'report', load: async () => (await import('../cli/report-command.js')).reportCommand },
  { name: 'alerts', load: async () => (await import('../cli/alerts-command.js')).alertsCommand },
  {
    name: 'pipelines',
    load: async () => {
      const { pipelinesCommand } = await import('../cli/pipelines-command.js');
      return (context) => pipelinesCommand(context, lazyCliRuntime);
    },
  },
  {
    name: 'worker',
    load: async () => {
      const { workerCommand } = await import('../cli/worker-command.js');
      return (context) => workerCommand(context, lazyCliRuntime);
    },
  },
  { name: 'keys', load: async () => (await import('../cli/keys-command.js')).keysCommand },
  { name: 'migrate', load: async () => (await import('../cli/migrate-command.js')).migrateCommand },
  { name: 'backup', load: async () => (await import('../cli/backup-command.js')).backupCommand },
  { name: 'config', load: async () => (await import('../cli/config-command.js')).configCommand },
];
