import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPostgresServer } from '../setup/postgres-server.js';
import { DEPLOY_DIR, readDeployFile, yamlDocuments } from './deploy-files.js';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  entrypoint?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
  profiles?: string[];
  secrets?: string[];
  volumes?: string[];
  networks?: string[] | Record<string, { ipv4_address?: string }>;
}
interface Compose {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
  networks: Record<string, { ipam: { config: { subnet: string; ip_range: string }[] } }>;
}

const [compose] = yamlDocuments('compose.yaml') as [Compose];
const services = compose.services;
const AMLOPS = ['migrate', 'serve-1', 'serve-2', 'worker'];
const REPLICAS = ['serve-1', 'serve-2'];
const address = (name: string) =>
  (services[name]?.networks as Record<string, { ipv4_address?: string }> | undefined)?.backend?.ipv4_address;
const dependsOn = (name: string) =>
  (services[name]?.depends_on ?? {}) as Record<string, { condition: string }>;

describe('deploy/compose.yaml', () => {
  it('has PostgreSQL, an S3 store, a migrate one-shot, two replicas, a worker and nginx; Prometheus and Grafana in the monitoring profile', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'grafana',
        'migrate',
        'nginx',
        'postgres',
        'prometheus',
        's3',
        's3-bucket',
        'serve-1',
        'serve-2',
        'worker',
      ].sort(),
    );
    for (const [name, service] of Object.entries(services))
      expect(service.profiles, name).toEqual(
        ['prometheus', 'grafana'].includes(name) ? ['monitoring'] : undefined,
      );
    for (const name of AMLOPS)
      expect(services[name]?.build, name).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile' });
    expect(existsSync(join(DEPLOY_DIR, 'Dockerfile'))).toBe(true);
    expect(services.migrate?.command).toEqual(['migrate']);
    expect(REPLICAS.map((r) => services[r]?.command)).toEqual([['serve'], ['serve']]);
    expect(services.worker?.command?.[0]).toBe('worker');
  });

  it('migrates once PostgreSQL is healthy, and starts the replicas and the worker after it', () => {
    expect(dependsOn('migrate').postgres?.condition).toBe('service_healthy');
    for (const name of [...REPLICAS, 'worker']) {
      expect(dependsOn(name).migrate?.condition, name).toBe('service_completed_successfully');
      expect(dependsOn(name)['s3-bucket']?.condition, name).toBe('service_completed_successfully');
    }
    expect(services.postgres?.healthcheck?.test).toContain('pg_isready');
  });

  it('checks the replicas on /readyz, and nginx end to end on /healthz', () => {
    for (const name of REPLICAS)
      expect(services[name]?.healthcheck?.test.join(' '), name).toContain("path: '/readyz'");
    expect(services.nginx?.healthcheck?.test.join(' ')).toMatch(
      /Host: localhost http:\/\/127\.0\.0\.1\/healthz$/,
    );
  });

  it('gives nginx, its upstream and Prometheus the same replica addresses, outside the dynamic range', () => {
    const upstream = [...readDeployFile('nginx/amlops.conf').matchAll(/^\s*server (\S+):(\d+) /gm)];
    const replicas = REPLICAS.map((name) => ({
      address: address(name),
      env: services[name]?.environment ?? {},
    }));
    expect(upstream.map((m) => `${m[1]}:${m[2]}`)).toEqual(
      replicas.map((r) => `${r.address}:${r.env.AMLOPS_PORT}`),
    );
    for (const r of replicas) {
      expect(r.env.AMLOPS_HOST).toBe(r.address);
      expect(r.env.AMLOPS_SERVER_TRUSTED_PROXIES).toBe(address('nginx'));
    }
    const [prometheus] = yamlDocuments('prometheus/prometheus.yml') as [
      { scrape_configs: { static_configs: { targets: string[] }[] }[] },
    ];
    expect(prometheus.scrape_configs[0]?.static_configs[0]?.targets).toEqual(
      upstream.map((m) => `${m[1]}:${m[2]}`),
    );
    const { subnet, ip_range: range } = compose.networks.backend!.ipam.config[0]!;
    expect(subnet).toBe('172.30.89.0/24');
    expect(range).toBe('172.30.89.128/25');
    for (const name of ['nginx', ...REPLICAS])
      expect(Number(address(name)?.split('.')[3]), name).toBeLessThan(128);
    expect(services.nginx?.volumes).toEqual([
      './nginx/amlops.conf:/etc/nginx/conf.d/default.conf:ro',
      './nginx:/etc/nginx/amlops:ro',
    ]);
  });

  it('passes every secret as a compose secret file read through <VAR>_FILE, never as a value', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        expect(variable, `${name}: ${variable} looks like a secret given as a value`).not.toMatch(
          /^(DATABASE_URL|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AMLOPS_ALERTS_WEBHOOK_URL|POSTGRES_PASSWORD|AMLOPS_GRAFANA_PG_PASSWORD)$/,
        );
        const secret = /^\/run\/secrets\/([\w-]+)$/.exec(String(value))?.[1];
        if (variable.endsWith('_FILE') && secret)
          expect(service.secrets, `${name}: ${variable}`).toContain(secret);
      }
      for (const secret of service.secrets ?? []) expect(compose.secrets[secret], secret).toBeDefined();
    }
    for (const secret of Object.values(compose.secrets)) expect(secret.file).toMatch(/^\.\/secrets\/[\w-]+$/);
    expect(readDeployFile('secrets/.gitignore')).toMatch(/^\*$/m);
  });

  it('mounts files that exist, and Grafana its dashboards where deploy/grafana provisions them from', () => {
    for (const [name, service] of Object.entries(services))
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('./'))
          expect(existsSync(join(DEPLOY_DIR, source)), `${name}: ${source}`).toBe(true);
      }
    const [provider] = yamlDocuments('grafana/provisioning/dashboards/amlops.yaml') as [
      { providers: { options: { path: string } }[] },
    ];
    expect(services.grafana?.volumes).toContain(
      `./grafana/dashboards:${provider.providers[0]?.options.path}:ro`,
    );
    expect(services.grafana?.volumes).toContain('./grafana/provisioning:/etc/grafana/provisioning:ro');
  });

  it.skipIf(!existsSync('/usr/bin/promtool'))('gives Prometheus a configuration promtool accepts', () => {
    const run = spawnSync(
      '/usr/bin/promtool',
      ['check', 'config', join(DEPLOY_DIR, 'prometheus/prometheus.yml')],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  });

  const compose2 = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;
  if (!compose2)
    process.stderr.write('deploy/compose.yaml: no `docker compose` here; checked by parsing only\n');
  it.skipIf(!compose2)('passes `docker compose config`', () => {
    const run = spawnSync('docker', ['compose', '-f', join(DEPLOY_DIR, 'compose.yaml'), 'config', '-q'], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
  });

  it('gives Grafana a read-only role over the tables `amlops migrate` creates (postgres/10-grafana-reader.sh)', async () => {
    const server = await startPostgresServer();
    const dir = mkdtempSync(join(tmpdir(), 'amlops-grafana-role-'));
    try {
      const admin = new pg.Client(server.url);
      await admin.connect();
      // As the PostgreSQL image makes them from POSTGRES_USER and POSTGRES_DB.
      await admin.query('CREATE ROLE amlops LOGIN SUPERUSER');
      await admin.query('CREATE DATABASE amlops OWNER amlops');
      await admin.end();
      const { hostname, port } = new URL(server.url);
      writeFileSync(join(dir, 'password'), 'grafana-password\n');
      execFileSync('sh', [join(DEPLOY_DIR, 'postgres/10-grafana-reader.sh')], {
        env: {
          PATH: process.env.PATH,
          PGHOST: hostname,
          PGPORT: port,
          POSTGRES_USER: 'amlops',
          POSTGRES_DB: 'amlops',
          GRAFANA_PG_PASSWORD_PATH: join(dir, 'password'),
        },
        stdio: 'pipe',
      });
      execFileSync(process.execPath, [new URL('../../bin/amlops.js', import.meta.url).pathname, 'migrate'], {
        env: {
          ...process.env,
          AMLOPS_HOME: dir,
          DATABASE_URL: `postgres://amlops@${hostname}:${port}/amlops`,
        },
        stdio: 'pipe',
      });
      const grafana = new pg.Client(`postgres://amlops_grafana:grafana-password@${hostname}:${port}/amlops`);
      await grafana.connect();
      try {
        const read = await grafana.query('SELECT count(*)::int AS n FROM metrics_summary');
        expect(read.rows).toEqual([{ n: 0 }]);
        await expect(grafana.query('DELETE FROM alert_states')).rejects.toThrow(/permission denied/);
      } finally {
        await grafana.end();
      }
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
