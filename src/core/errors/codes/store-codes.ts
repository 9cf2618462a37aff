import { type ErrorSpec, EXIT } from '../error-spec.js';

/** Codes of the tracking store, the model registry and the artifact stores. */
export const storeCodes = {
  STORE_UNAVAILABLE: {
    status: 503,
    exit: EXIT.unavailable,
    description: 'The database or artifact store cannot be reached.',
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
  ARTIFACT_PATH_INVALID: {
    status: 400,
    exit: EXIT.usage,
    description: 'An artifact path or location escapes its root or is malformed.',
  },
} as const satisfies Record<string, ErrorSpec>;
