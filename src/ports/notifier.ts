/** One attempt at delivering a notification, as recorded. */
export interface DeliveryAttempt {
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly at: number;
  readonly durationMs: number;
  readonly ok: boolean;
  /** The receiver's HTTP status, when it answered. */
  readonly status: number | null;
  /** What went wrong, never with a secret of the receiver's address. */
  readonly error: string | null;
}

/** Where alert notifications go (a webhook…). */
export interface Notifier {
  /** The receiver as records and messages show it, without any secret (a webhook shows only its scheme and host). */
  readonly name: string;
  /**
   * Delivers one payload, retrying with backoff; calls `onAttempt` after every attempt (the caller
   * records it). A delivery that fails every attempt is `delivered: false`, never an exception.
   */
  deliver(
    payload: unknown,
    onAttempt: (attempt: DeliveryAttempt) => Promise<void> | void,
  ): Promise<{ readonly delivered: boolean; readonly attempts: number }>;
}
