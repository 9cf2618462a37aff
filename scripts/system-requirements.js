// The system programs the tests use, how to check for each, and the Debian package that brings it.
// `npm test` installs the missing ones when run as root (as CI does) and otherwise names them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => `${base}/${v}/bin`).find((dir) => existsSync(`${dir}/initdb`));
}

function pythonHas(modules) {
  const r = spawnSync('/usr/bin/python3', ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' });
  return r.status === 0;
}

export const REQUIREMENTS = [
  {
    what: 'PostgreSQL server (initdb, pg_ctl)',
    packages: ['postgresql'],
    present: () => postgresBin() !== undefined,
  },
  {
    what: "Debian's Python with XGBoost and scikit-learn at /usr/bin/python3 (fixtures and compatibility checks)",
    packages: ['python3-xgboost', 'python3-sklearn', 'python3-pandas', 'python3-scipy'],
    present: () => pythonHas(['xgboost', 'sklearn', 'pandas', 'scipy']),
  },
  {
    what: "Debian's Chromium at /usr/bin/chromium (browser tests of the HTML pages)",
    packages: ['chromium'],
    present: () => existsSync('/usr/bin/chromium'),
  },
  {
    what: 'Prometheus server (scrapes `amlops serve` in the monitoring test)',
    packages: ['prometheus'],
    present: () => existsSync('/usr/bin/prometheus'),
  },
  {
    what: 'nginx (the deployment tests check deploy/nginx and proxy to replicas through it)',
    packages: ['nginx'],
    present: () => existsSync('/usr/sbin/nginx'),
  },
];

/** Installs what is missing when root; otherwise throws naming exactly what to install. */
export function ensureSystemRequirements(log = (s) => process.stderr.write(s)) {
  const missing = REQUIREMENTS.filter((r) => !r.present());
  if (missing.length === 0) return;
  const packages = [...new Set(missing.flatMap((r) => r.packages))];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `the tests need: ${missing.map((m) => m.what).join('; ')}.\n` +
        `Install them with: sudo apt-get install -y ${packages.join(' ')}`,
    );
  }
  log(`installing missing system packages: ${packages.join(' ')}\n`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-qq', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const still = REQUIREMENTS.filter((r) => !r.present());
  if (still.length) throw new Error(`still missing after install: ${still.map((m) => m.what).join('; ')}`);
}
