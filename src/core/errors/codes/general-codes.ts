import { type ErrorSpec, EXIT } from '../error-spec.js';

export const generalCodes = {
  INTERNAL: {
    status: 500,
    exit: EXIT.software,
    description: 'An unexpected failure; a bug. Logged with a request id, answered without internals.',
  },
  USAGE: {
    status: 400,
    exit: EXIT.usage,
    description: 'A command or request was called with arguments it does not accept.',
  },
  NOT_FOUND: { status: 404, exit: EXIT.noInput, description: 'The named resource does not exist.' },
  FILE_NOT_FOUND: {
    status: 404,
    exit: EXIT.noInput,
    description: 'A file or object named as input does not exist or cannot be read.',
  },
  FILE_WRITE_FAILED: {
    status: 500,
    exit: EXIT.cantCreate,
    description: 'An output file could not be written.',
  },
} as const satisfies Record<string, ErrorSpec>;
