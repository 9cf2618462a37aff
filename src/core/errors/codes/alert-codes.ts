import { type ErrorSpec, EXIT } from '../error-spec.js';

/** Codes of alert rules, their states and notifications. */
export const alertCodes = {
  ALERT_RULE_UNKNOWN: {
    status: 404,
    exit: EXIT.noInput,
    description: 'No alert rule of the configuration (`alerts.rules`) has that name.',
  },
  ALERT_NOT_ACTIVE: {
    status: 409,
    exit: EXIT.data,
    description: 'Only a pending or firing alert can be acknowledged.',
  },
  ALERT_SILENCE_INVALID: {
    status: 400,
    exit: EXIT.usage,
    description: 'A silence must end in the future and give a reason.',
  },
  ALERT_DELIVERY_FAILED: {
    status: 502,
    exit: EXIT.unavailable,
    description:
      'A notification could not be delivered to the webhook after every attempt (each is recorded).',
  },
} as const satisfies Record<string, ErrorSpec>;
