import { type ErrorSpec, EXIT } from '../error-spec.js';

/** Codes of the tracking store, the model registry and the artifact stores. */
export const storeCodes = {
  STORE_UNAVAILABLE: {
    status: 503,
    exit: EXIT.unavailable,
    description: 'The database or artifact store cannot be reached.',
  },
  STORE_NEWER_THAN_CODE: {
    status: 503,
    exit: EXIT.unavailable,
    description:
      'The store was migrated by a newer amlops than this one (it has migrations this version does not know): nothing is changed; run the newer amlops, or restore a backup taken before the upgrade.',
  },
  STORE_DISK_FULL: {
    status: 507,
    exit: EXIT.io,
    description:
      'The disk holding the embedded SQLite store is full (SQLITE_FULL): the write was refused and undone, what is stored is unchanged and stays readable; free space on that disk (the message names the file) and write again.',
  },
  RESOURCE_ALREADY_EXISTS: {
    status: 400,
    exit: EXIT.data,
    description: 'A resource with that name or key already exists.',
  },
  INVALID_STATE: {
    status: 400,
    exit: EXIT.data,
    description: "The operation is not allowed in the resource's current state.",
  },
  PROMOTION_BELOW_GATE: {
    status: 409,
    exit: EXIT.data,
    description:
      'The version did not pass the promotion gate when it was trained (the message says why); promote it anyway with --force (`"force": true`), recorded as an override.',
  },
  ARTIFACT_PATH_INVALID: {
    status: 400,
    exit: EXIT.usage,
    description: 'An artifact path or location escapes its root or is malformed.',
  },
} as const satisfies Record<string, ErrorSpec>;
