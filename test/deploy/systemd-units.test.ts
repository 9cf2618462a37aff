import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDeployFile } from './deploy-files.js';

/** A unit file's settings: section -> key -> every value given, in order (keys may repeat). */
type Unit = Record<string, Record<string, string[]>>;

function parseUnit(text: string): Unit {
  const unit: Unit = {};
  let section: Record<string, string[]> | undefined;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = unit[header[1]!] ??= {};
      continue;
    }
    const setting = /^(\w+)=(.*)$/.exec(line);
    if (!setting || !section) throw new Error(`line ${index + 1} is not a setting of a section: ${raw}`);
    const values = section[setting[1]!] ?? [];
    values.push(setting[2]!);
    section[setting[1]!] = values;
  }
  return unit;
}

/** The variables a unit sets with `Environment=NAME=value` lines. */
function environment(service: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries((service.Environment ?? []).map((e) => e.split(/=(.*)/s).slice(0, 2)));
}

const UNITS = {
  'amlops-serve.service': 'serve',
  'amlops-worker.service': 'worker',
  'amlops-up.service': 'up',
};
const CLI = new URL('../../bin/amlops.js', import.meta.url).pathname;

describe('deploy/systemd', () => {
  for (const [file, command] of Object.entries(UNITS)) {
    const text = readDeployFile(`systemd/${file}`);
    const unit = parseUnit(text);
    const service = unit.Service ?? {};
    const one = (key: string) => {
      expect(service[key], `${file}: ${key}=`).toHaveLength(1);
      return service[key]![0]!;
    };

    it(`${file} runs \`amlops ${command}\` from the installed bin/amlops.js as the amlops user`, () => {
      expect(one('ExecStart')).toMatch(new RegExp(`^/\\S+/node /\\S+/bin/amlops\\.js ${command}( |$)`));
      expect(one('User')).toBe('amlops');
      expect(one('Group')).toBe('amlops');
      expect(unit.Install?.WantedBy).toEqual(['multi-user.target']);
      // The command exists in the CLI this repository builds.
      const help = spawnSync(process.execPath, [CLI, command, '--help'], { encoding: 'utf8' });
      expect(help.status, help.stderr).toBe(0);
    });

    it(`${file} restarts on failure, stops with SIGTERM and a timeout, and is hardened`, () => {
      expect(one('Restart')).toBe('on-failure');
      expect(one('RestartSec')).toMatch(/^\d+s$/);
      expect(unit.Unit?.StartLimitBurst).toBeDefined();
      expect(one('KillSignal')).toBe('SIGTERM');
      expect(one('KillMode')).toBe('mixed');
      expect(one('TimeoutStopSec')).toMatch(/^\d+(s|min)$/);
      for (const [key, value] of Object.entries({
        NoNewPrivileges: 'yes',
        ProtectSystem: 'strict',
        ProtectHome: 'yes',
        PrivateTmp: 'yes',
      }))
        expect(one(key), key).toBe(value);
      expect(service.MemoryDenyWriteExecute, 'V8 needs writable executable memory').toBeUndefined();
      // The one writable place is the home amlops keeps its state in.
      expect(one('ReadWritePaths')).toBe(environment(service).AMLOPS_HOME);
      expect(one('WorkingDirectory')).toBe(environment(service).AMLOPS_HOME);
      expect(`/var/lib/${one('StateDirectory')}`).toBe(environment(service).AMLOPS_HOME);
    });

    it(`${file} reads settings from /etc/amlops/amlops.env and each secret from a credential file (<VAR>_FILE)`, () => {
      expect(one('EnvironmentFile').replace(/^-/, '')).toBe('/etc/amlops/amlops.env');
      const credentials = new Map(
        [
          ...(service.LoadCredential ?? []),
          ...[...text.matchAll(/^#LoadCredential=(.*)$/gm)].map((m) => m[1]!),
        ].map((c) => c.split(':') as [string, string]),
      );
      const fileVariables = [...text.matchAll(/^#?Environment=(\w+_FILE)=(.*)$/gm)];
      for (const [, variable, value] of fileVariables) {
        const name = /^%d\/([\w-]+)$/.exec(value!)?.[1];
        expect(name && credentials.get(name), `${variable} names a LoadCredential`).toMatch(
          /^\/etc\/amlops\/credentials\//,
        );
      }
      expect(fileVariables.length).toBeGreaterThan(0);
      if (command !== 'up') expect(environment(service).DATABASE_URL_FILE).toBe('%d/database-url');
    });
  }

  const analyze = '/usr/bin/systemd-analyze';
  it.skipIf(!existsSync(analyze))('passes `systemd-analyze verify` without a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amlops-units-'));
    try {
      // verify checks that ExecStart's program exists: point it at this machine's node.
      for (const file of Object.keys(UNITS))
        writeFileSync(
          join(dir, file),
          readDeployFile(`systemd/${file}`).replace(
            /^ExecStart=\/\S+\/node /m,
            `ExecStart=${process.execPath} `,
          ),
        );
      const run = spawnSync(analyze, ['verify', ...Object.keys(UNITS).map((f) => join(dir, f))], {
        encoding: 'utf8',
      });
      expect(`${run.stdout}${run.stderr}`.split('\n').filter((l) => l.includes(dir))).toEqual([]);
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  if (!existsSync(analyze))
    process.stderr.write('deploy/systemd: systemd-analyze is missing; the units were parsed, not verified\n');
});
