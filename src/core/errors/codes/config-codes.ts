import { type ErrorSpec, EXIT } from '../error-spec.js';

export const configCodes = {
  CONFIG_INVALID: {
    status: 400,
    exit: EXIT.config,
    description:
      'A setting has a value that is not allowed; the message names the setting, the value and what is allowed.',
  },
  CONFIG_UNKNOWN_SETTING: {
    status: 400,
    exit: EXIT.config,
    description: 'A configuration file names a setting that does not exist.',
  },
  CONFIG_FILE_UNREADABLE: {
    status: 400,
    exit: EXIT.config,
    description: 'The configuration file is missing or is not valid JSON.',
  },
} as const satisfies Record<string, ErrorSpec>;
