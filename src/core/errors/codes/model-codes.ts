import { type ErrorSpec, EXIT } from '../error-spec.js';

/** Codes of the gradient-boosted trees engine and its model files. The engine owns this table. */
export const modelCodes = {
  MODEL_PARAM_INVALID: {
    status: 400,
    exit: EXIT.usage,
    description: 'A training parameter is out of range; the message names it and the allowed range.',
  },
  MODEL_TRAINING_DATA_INVALID: {
    status: 422,
    exit: EXIT.data,
    description:
      'Training data the engine cannot use: empty, non-finite labels, features of the wrong length.',
  },
  MODEL_FILE_INVALID: {
    status: 422,
    exit: EXIT.data,
    description: 'A model file is not valid JSON, has the wrong shape, or references undeclared features.',
  },
  MODEL_FILE_TAMPERED: {
    status: 422,
    exit: EXIT.data,
    description:
      "A model version's file differs from the sha256 recorded when it was registered (edited, truncated or replaced since), or is gone: the version is not loaded, and a scoring server keeps the model it serves.",
  },
  MODEL_NOT_LOADABLE: {
    status: 422,
    exit: EXIT.data,
    description:
      'A model version being registered (MLflow `model-versions/create`) has no model amlops can load at its source: it is left FAILED_REGISTRATION, never READY, so it cannot be promoted.',
  },
  MODEL_UNSUPPORTED: {
    status: 422,
    exit: EXIT.data,
    description: 'A model file uses something the engine does not support (objective, categorical splits…).',
  },
} as const satisfies Record<string, ErrorSpec>;
