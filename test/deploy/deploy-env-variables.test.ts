import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SettingSpec } from '../../src/config/setting-spec.js';
import { SETTINGS } from '../../src/config/settings.js';
import { deployFiles, readDeployFile, yamlDocuments } from './deploy-files.js';

const specs = Object.values(SETTINGS as Record<string, SettingSpec>);

/**
 * The variables amlops reads, as its configuration schema declares them: each setting's variable,
 * `<VAR>_FILE` for the secret ones (src/config/load-config.ts), and the standard S3 credentials that
 * `artifacts.s3Endpoint` names (each also readable from `<VAR>_FILE`; s3-client-from-env.ts).
 */
function knownVariables(): Set<string> {
  const known = new Set(specs.map((spec) => spec.env));
  for (const spec of specs.filter((s) => s.secret)) known.add(`${spec.env}_FILE`);
  const s3 = SETTINGS['artifacts.s3Endpoint'].description;
  for (const [, name] of s3.matchAll(/`(AWS_[A-Z_]+)`/g)) known.add(name!).add(`${name}_FILE`);
  return known;
}

/** Names of the kinds amlops reads: its own, the store's, the artifact store's and S3's. */
const VARIABLE = /\b(AMLOPS_[A-Z0-9_]+|DATABASE_URL\w*|ARTIFACTS_[A-Z0-9_]+|S3_[A-Z0-9_]+|AWS_[A-Z0-9_]+)\b/g;

/**
 * Grafana's own variables: deploy/grafana/provisioning interpolates `${NAME}` from Grafana's
 * environment (docs/monitoring.md). They are no amlops setting and belong to Grafana alone.
 */
function grafanaVariables(): Set<string> {
  const names = deployFiles()
    .filter((f) => f.startsWith('grafana/provisioning/'))
    .flatMap((f) => [...readDeployFile(f).matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!));
  return new Set(names);
}

describe('environment variables in deploy/', () => {
  const known = knownVariables();
  const grafana = grafanaVariables();
  const named = new Map(
    deployFiles().map((file) => [file, [...readDeployFile(file).matchAll(VARIABLE)].map((m) => m[1]!)]),
  );

  it('are settings of the configuration schema (src/config/settings.ts), in every file', () => {
    const unknown: Record<string, string[]> = {};
    for (const [file, names] of named) {
      const wrong = names.filter(
        (name) =>
          !known.has(name) &&
          !(grafana.has(name) && (file.startsWith('grafana/') || file === 'compose.yaml')),
      );
      if (wrong.length > 0) unknown[`deploy/${file}`] = [...new Set(wrong)].sort();
    }
    expect(unknown, 'variables no setting declares (give the setting its env name, or fix the file)').toEqual(
      {},
    );
  });

  it('are looked for in every deployment file and found where they are used', () => {
    const all = new Set([...named.values()].flat());
    for (const name of [
      'DATABASE_URL_FILE',
      'AWS_ACCESS_KEY_ID_FILE',
      'AWS_SECRET_ACCESS_KEY_FILE',
      'ARTIFACTS_URI',
    ])
      expect(all, name).toContain(name);
    expect(all).toContain('S3_ENDPOINT');
    expect(all).toContain('AMLOPS_SCORING_BODY_LIMIT_BYTES');
    for (const prefix of ['compose.yaml', 'kubernetes/', 'systemd/', 'nginx/'])
      expect(
        [...named].some(([file, names]) => file.startsWith(prefix) && names.length > 0),
        prefix,
      ).toBe(true);
  });

  it('are each listed in docs/deploy.md', () => {
    const doc = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
    const used = new Set([...named.values()].flat().filter((name) => !grafana.has(name)));
    expect([...used].filter((name) => !doc.includes(`\`${name}\``)).sort()).toEqual([]);
  });

  it("give Grafana's connection variables to Grafana only", () => {
    expect(grafana.size).toBeGreaterThan(0);
    const [compose] = yamlDocuments('compose.yaml') as [
      { services: Record<string, { environment?: Record<string, string> }> },
    ];
    for (const [service, { environment }] of Object.entries(compose.services))
      if (service !== 'grafana')
        expect(
          Object.keys(environment ?? {}).filter((v) => grafana.has(v)),
          service,
        ).toEqual([]);
  });
});
