import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A system program a deployment test runs: there, or why the test is skipped. */
export type ProgramCheck = { readonly present: true } | { readonly present: false; readonly reason: string };

/**
 * Whether `path` (a program of the Debian package `pkg`) is there. As `npm test` does for
 * PostgreSQL and Prometheus (scripts/system-requirements.js), a missing one is installed when we
 * are root; otherwise the answer says what to install, for the test to skip with.
 *
 * @example
 * const nginx = debianProgram('/usr/sbin/nginx', 'nginx');
 * describe.skipIf(!nginx.present)('nginx', () => {});
 */
export function debianProgram(path: string, pkg: string): ProgramCheck {
  if (existsSync(path)) return { present: true };
  if (process.getuid?.() !== 0)
    return {
      present: false,
      reason: `${path} is missing and we are not root to install it: sudo apt-get install -y ${pkg}`,
    };
  process.stderr.write(`installing the Debian package ${pkg} for ${path}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-qq', pkg], {
    stdio: 'inherit',
    env,
  });
  if (!existsSync(path)) throw new Error(`${path} is still missing after apt-get install ${pkg}`);
  return { present: true };
}
