/** How one error code surfaces: HTTP status for the APIs, exit code for the CLI, and what it means. */
export interface ErrorSpec {
  readonly status: number;
  /** Process exit code, following BSD sysexits where one fits (64 usage, 65 data, 66 no input, 78 config). */
  readonly exit: number;
  readonly description: string;
}

/** Exit codes shared by every domain's code table. */
export const EXIT = {
  usage: 64,
  data: 65,
  noInput: 66,
  unavailable: 69,
  software: 70,
  cantCreate: 73,
  io: 74,
  config: 78,
} as const;
