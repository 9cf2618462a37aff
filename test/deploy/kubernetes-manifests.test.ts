import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { deployFiles, yamlDocuments } from './deploy-files.js';

/** The model of each kind the manifests use: its constructor validates against the API schema. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
};

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

const files = deployFiles().filter((f) => f.startsWith('kubernetes/'));
const manifests = files
  .filter((f) => f !== 'kubernetes/kustomization.yaml')
  .flatMap((file) => (yamlDocuments(file) as Manifest[]).map((manifest) => ({ file, manifest })));
const named = (kind: string, name: string) =>
  manifests.find((m) => m.manifest.kind === kind && m.manifest.metadata.name === name)?.manifest;
const podSpec = (kind: string, name: string) =>
  (named(kind, name)?.spec?.template as { spec: IPodSpec } | undefined)?.spec;
const container = (kind: string, name: string) => podSpec(kind, name)?.containers[0] as IContainer;
const env = (c: IContainer) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));

describe('deploy/kubernetes', () => {
  it('holds only documents of kinds the API knows, each valid against its schema', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(7);
    for (const { file, manifest } of manifests) {
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model, `${file}: ${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
      expect(() => new Model!(manifest as never).validate(), `${file}: ${manifest.kind}`).not.toThrow();
    }
  });

  it('lists every manifest in kustomization.yaml', () => {
    const [kustomization] = yamlDocuments('kubernetes/kustomization.yaml') as [{ resources: string[] }];
    expect(kustomization.resources.map((r) => `kubernetes/${r}`).sort()).toEqual(
      files.filter((f) => f !== 'kubernetes/kustomization.yaml'),
    );
  });

  it('checks each serving pod on /readyz (readiness) and /healthz (liveness), as Host localhost', () => {
    const serve = container('Deployment', 'amlops-serve');
    const probe = (p: IProbe | undefined) => ({
      path: p?.httpGet?.path,
      port: p?.httpGet?.port,
      headers: p?.httpGet?.httpHeaders,
    });
    const localhost = [{ name: 'Host', value: 'localhost' }];
    expect(probe(serve.readinessProbe)).toEqual({ path: '/readyz', port: 'http', headers: localhost });
    expect(probe(serve.livenessProbe)).toEqual({ path: '/healthz', port: 'http', headers: localhost });
    expect(probe(serve.startupProbe)).toEqual({ path: '/healthz', port: 'http', headers: localhost });
    // The Host the probes send must be one the server takes (server.allowedHosts).
    expect(env(serve).AMLOPS_SERVER_ALLOWED_HOSTS?.split(',')).toContain('localhost');
    expect(serve.ports).toEqual([{ name: 'http', containerPort: Number(env(serve).AMLOPS_PORT) }]);
  });

  it('runs `amlops serve` with one process per requested core, `amlops worker`, and `amlops migrate` as a Job', () => {
    const serve = container('Deployment', 'amlops-serve');
    expect(serve.args).toEqual(['serve']);
    expect(Number(env(serve).AMLOPS_SERVER_WORKERS)).toBe(Number(serve.resources?.requests?.cpu));
    expect(container('Deployment', 'amlops-worker').args?.[0]).toBe('worker');
    expect(container('Job', 'amlops-migrate').args).toEqual(['migrate']);
    expect(podSpec('Job', 'amlops-migrate')?.restartPolicy).toBe('Never');
  });

  it('reads secrets from the amlops-secrets Secret as files (<VAR>_FILE), never as values', () => {
    for (const [kind, name] of [
      ['Deployment', 'amlops-serve'],
      ['Deployment', 'amlops-worker'],
      ['Job', 'amlops-migrate'],
    ] as const) {
      const spec = podSpec(kind, name)!;
      const c = container(kind, name);
      const secrets = spec.volumes?.find((v) => v.secret)?.secret;
      expect(secrets?.secretName, name).toBe('amlops-secrets');
      const mount = c.volumeMounts?.find((m) => m.name === spec.volumes?.find((v) => v.secret)?.name);
      expect(mount?.readOnly, name).toBe(true);
      expect(env(c).DATABASE_URL_FILE, name).toBe(`${mount?.mountPath}/database-url`);
      for (const variable of Object.keys(env(c)))
        expect(variable, name).not.toMatch(/^(DATABASE_URL|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY)$/);
      expect(c.securityContext?.readOnlyRootFilesystem, name).toBe(true);
      expect(spec.securityContext?.runAsNonRoot, name).toBe(true);
    }
  });

  it('keeps serving through disruptions and scales on CPU (PodDisruptionBudget, HorizontalPodAutoscaler v2)', () => {
    const selector = named('Deployment', 'amlops-serve')?.spec?.selector as
      | { matchLabels: object }
      | undefined;
    const labels = selector?.matchLabels;
    expect(labels).toBeDefined();
    const pdb = named('PodDisruptionBudget', 'amlops-serve')?.spec;
    expect(pdb?.selector).toEqual({ matchLabels: labels });
    expect(pdb?.minAvailable).toBe(1);
    expect(named('Service', 'amlops')?.spec?.selector).toEqual(labels);
    const hpa = named('HorizontalPodAutoscaler', 'amlops-serve')?.spec;
    expect(hpa?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'amlops-serve' });
    expect(hpa?.minReplicas).toBeGreaterThan(pdb?.minAvailable as number);
  });
});
