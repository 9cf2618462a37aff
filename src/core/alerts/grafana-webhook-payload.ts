import type { AlertTransition } from './alert-transition.js';

/** Grafana's "no end yet" time, which its webhook sends as `endsAt` while an alert fires. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** The JSON Grafana's webhook contact point (unified alerting) POSTs, field for field. */
export interface GrafanaWebhookPayload {
  readonly receiver: string;
  readonly status: 'firing' | 'resolved';
  readonly orgId: number;
  readonly alerts: readonly {
    readonly status: 'firing' | 'resolved';
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations: Readonly<Record<string, string>>;
    readonly startsAt: string;
    readonly endsAt: string;
    readonly generatorURL: string;
    readonly fingerprint: string;
    readonly silenceURL: string;
    readonly dashboardURL: string;
    readonly panelURL: string;
    readonly values: Readonly<Record<string, number>> | null;
  }[];
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly commonLabels: Readonly<Record<string, string>>;
  readonly commonAnnotations: Readonly<Record<string, string>>;
  readonly externalURL: string;
  readonly version: '1';
  readonly groupKey: string;
  readonly truncatedAlerts: number;
  readonly title: string;
  readonly state: 'alerting' | 'ok';
  readonly message: string;
}

/** 16 hex digits of two FNV-1a hashes of the text: stable across processes, like Grafana's label fingerprint. */
function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ text.charCodeAt(i), 0x811c9dc5) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

function common(maps: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const [first, ...rest] = maps;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((m) => m[k] === v)));
}

/**
 * The body of a notification as Grafana's webhook contact point sends it, from transitions that
 * notify (firing or resolved), so that receivers written for Grafana (or Alertmanager, whose shape
 * Grafana extends) take amlops' alerts as they are: `labels` carry `alertname`, `severity` and the
 * rule's labels (model, version…), `values.A` the measured value, `endsAt` Grafana's zero time
 * while firing.
 *
 * @example
 * grafanaWebhookPayload([transition], { receiver: 'amlops' }).status; // 'firing'
 */
export function grafanaWebhookPayload(
  transitions: readonly AlertTransition[],
  options: { readonly receiver: string; readonly externalURL?: string },
): GrafanaWebhookPayload {
  const alerts = transitions.map((t) => {
    const status = t.to === 'firing' ? ('firing' as const) : ('resolved' as const);
    const labels = { alertname: t.rule, severity: t.severity, ...t.labels };
    const startsAt = new Date(t.firingSince ?? t.at).toISOString();
    return {
      status,
      labels,
      annotations: { summary: t.message, description: t.message },
      startsAt,
      endsAt: status === 'firing' ? ZERO_TIME : new Date(t.at).toISOString(),
      generatorURL: '',
      fingerprint: fingerprint(
        Object.entries(labels)
          .sort()
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      ),
      silenceURL: '',
      dashboardURL: '',
      panelURL: '',
      values: t.value === null ? null : { A: t.value },
    };
  });
  const firing = alerts.filter((a) => a.status === 'firing').length;
  const resolved = alerts.length - firing;
  const status = firing > 0 ? ('firing' as const) : ('resolved' as const);
  const commonLabels = common(alerts.map((a) => a.labels));
  const groupLabels: Record<string, string> = commonLabels.alertname
    ? { alertname: commonLabels.alertname }
    : {};
  const title =
    `[${status.toUpperCase()}:${status === 'firing' ? firing : resolved}] ${groupLabels.alertname ?? ''}`.trim();
  return {
    receiver: options.receiver,
    status,
    orgId: 1,
    alerts,
    groupLabels,
    commonLabels,
    commonAnnotations: common(alerts.map((a) => a.annotations)),
    externalURL: options.externalURL ?? '',
    version: '1',
    groupKey: `{}:{alertname="${groupLabels.alertname ?? ''}"}`,
    truncatedAlerts: 0,
    title,
    state: status === 'firing' ? 'alerting' : 'ok',
    message: [
      ...(firing
        ? ['**Firing**', ...alerts.filter((a) => a.status === 'firing').map((a) => a.annotations.summary)]
        : []),
      ...(resolved
        ? ['**Resolved**', ...alerts.filter((a) => a.status === 'resolved').map((a) => a.annotations.summary)]
        : []),
    ].join('\n'),
  };
}
