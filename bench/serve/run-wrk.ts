import { execFile } from 'node:child_process';

/** The summary post.lua prints. */
export interface WrkResult {
  readonly requests: number;
  readonly rps: number;
  readonly p50_ms: number;
  readonly p90_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
  readonly err_status: number;
  readonly err_connect: number;
  readonly err_read: number;
  readonly err_timeout: number;
}

/** Runs wrk with the reference's post.lua against `url`, posting the JSON in `bodyFile`. */
export function runWrk(
  url: string,
  bodyFile: string,
  luaFile: string,
  options: { connections: number; seconds: number; threads?: number },
  onTick?: () => void,
): Promise<WrkResult> {
  const args = [
    `-t${options.threads ?? 1}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--latency',
    '-s',
    luaFile,
    url,
  ];
  const ticker = onTick ? setInterval(onTick, 500) : undefined;
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { env: { ...process.env, BODY: bodyFile } }, (error, stdout) => {
      if (ticker) clearInterval(ticker);
      if (error) return reject(error);
      const line = stdout.split('\n').find((l) => l.startsWith('WRKJSON '));
      if (!line) return reject(new Error(`wrk printed no summary:\n${stdout}`));
      resolve(JSON.parse(line.slice('WRKJSON '.length)) as WrkResult);
    });
  });
}
