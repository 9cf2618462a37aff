import { type ErrorSpec, EXIT } from '../error-spec.js';

export const configCodes = {
  CONFIG_INVALID: {
    status: 400,
    exit: EXIT.config,
    description:
      'A setting has a value that is not allowed; the message names the setting, the value (`***` for a secret) and what is allowed. Also: a secret given both as `<VAR>` and as `<VAR>_FILE`.',
  },
  CONFIG_UNKNOWN_SETTING: {
    status: 400,
    exit: EXIT.config,
    description: 'A configuration file names a setting that does not exist.',
  },
  CONFIG_FILE_UNREADABLE: {
    status: 400,
    exit: EXIT.config,
    description:
      "The configuration file is missing or is not valid JSON, or the file a secret's `<VAR>_FILE` names cannot be read (the message names the variable and the path, never the content), or the certificate or key file `server.tlsCertFile` / `server.tlsKeyFile` names cannot be read (the message names the setting and the path).",
  },
} as const satisfies Record<string, ErrorSpec>;
