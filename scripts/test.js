// `npm test`: checks (and as root installs) the system programs the tests need, builds the CLI,
// runs every test with Vitest, and ends with one plain line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSystemRequirements } from './system-requirements.js';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;

try {
  ensureSystemRequirements();
} catch (error) {
  process.stderr.write(`npm test: ${error.message}\n`);
  process.stdout.write('0 passed, 1 failed\n');
  process.exit(1);
}

if (run('npm', ['run', 'build', '--silent']) !== 0) {
  process.stderr.write('npm test: the build failed (see the errors above)\n');
  process.stdout.write('0 passed, 1 failed\n');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'amlops-test-'));
const report = join(dir, 'vitest.json');
const status = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  skipped = json.numPendingTests + (json.numTodoTests ?? 0);
  // A file that fails to load has no failed test of its own: count it as one failure.
  const brokenFiles = json.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed'),
  ).length;
  failed = json.numFailedTests + brokenFiles;
  if (json.numTotalTests === 0) failed += 1;
} catch {
  failed = Math.max(failed, 1);
}
rmSync(dir, { recursive: true, force: true });
// The last line is exactly `N passed, N failed`; skipped tests (a program this machine lacks) before it.
if (skipped) process.stdout.write(`${skipped} skipped\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
