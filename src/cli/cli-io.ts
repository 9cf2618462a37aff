import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';

/** What a command may touch of its process: output streams, environment, working directory. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal: progress bars are drawn only then. */
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The operating system's name for the user running the process, when it has one. */
  readonly osUser?: string;
  /** Asks the person at the terminal a question and returns their answer; absent when stdin is no terminal. */
  readonly ask?: (question: string) => Promise<string>;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    ...osUser(),
    ...(process.stdin.isTTY ? { ask: askOnTerminal } : {}),
  };
}

/** The OS user (a container may run as a uid with no name: then none). */
function osUser(): { osUser?: string } {
  try {
    const name = userInfo().username;
    return name ? { osUser: name } : {};
  } catch {
    return {};
  }
}

/** One question on the terminal: the prompt on stderr (stdout stays the command's result), one line read. */
async function askOnTerminal(question: string): Promise<string> {
  const lines = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await lines.question(question);
  } finally {
    lines.close();
  }
}

/** Collects a command's output in memory, for tests. */
export function memoryIo(overrides: Partial<CliIo> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    stderrIsTTY: false,
    env: {},
    cwd: process.cwd(),
    ...overrides,
    out,
    err,
  };
}
