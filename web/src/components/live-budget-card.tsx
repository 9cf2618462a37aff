import { metric, percent, when } from '../format.js';
import type { AlertBudgetLive } from '../types.js';
import { useApi } from '../use-api.js';
import { Chart } from './chart.js';
import { Card, ErrorBox, Pairs } from './parts.js';

const DAY_SECONDS = 86_400;

/**
 * The alert budget's live side for the version that opens cases: the cases it opened each day
 * since its alert threshold was set, drawn against the team's capacity and the alerts a day its
 * test evaluation promised, with the live precision and what amlops finds (over capacity, drift,
 * precision below the promise).
 *
 * @example
 * <LiveBudgetCard model="consumers-laundering-model" version="4" />
 */
export function LiveBudgetCard(props: { model: string; version: string }) {
  const budget = useApi<AlertBudgetLive>(
    `/api/v1/models/${encodeURIComponent(props.model)}/versions/${encodeURIComponent(props.version)}/threshold`,
  );
  const live = budget.data?.live;
  if (budget.error) return <ErrorBox error={budget.error} />;
  if (!live) return null;
  const promised = live.promised;
  const x = live.days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
  const flat = (value: number | null | undefined) => (value == null ? [] : [value, value]);
  const span = x.length > 0 ? [x[0]!, x[x.length - 1]! + DAY_SECONDS / 2] : [];
  return (
    <Card title="Alert budget: what happened against what was promised" wide>
      <Pairs
        entries={[
          ['observed since', when(Date.parse(live.from))],
          [
            'cases opened a day',
            live.openedPerDay
              ? `${metric(live.openedPerDay.median)} (median; ${live.openedPerDay.min} to ${live.openedPerDay.max}), ${live.today} today so far`
              : `no complete day yet; ${live.today} today so far`,
          ],
          [
            'promised',
            promised
              ? `threshold ${metric(promised.threshold)}: ${
                  promised.alertsPerDay === null
                    ? `${percent(promised.alertRate)} of scored cases (no daily volume set)`
                    : `about ${metric(promised.alertsPerDay)} cases a day`
                }${promised.capacity === null ? '' : `; capacity ${promised.capacity} a day`}`
              : 'nothing: no alert threshold',
          ],
          [
            'live precision',
            live.precision.value === null
              ? 'no conclusion yet'
              : `${percent(live.precision.value)} of ${live.precision.concluded} concluded`,
          ],
          ['test evaluation precision', percent(promised?.precision)],
        ]}
      />
      {live.findings.length > 0 ? (
        <ul class="findings" aria-label="alert budget findings">
          {live.findings.map((f) => (
            <li key={f.code} class={f.severity === 'warning' || f.severity === 'error' ? 'error' : 'muted'}>
              {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {x.length > 0 ? (
        <Chart
          title="Cases opened per day"
          xLabel="day"
          yLabel="cases"
          time
          height={180}
          series={[
            { label: 'opened', x, y: live.days.map((d) => d.opened) },
            ...(promised?.capacity != null
              ? [{ label: 'capacity', x: span, y: flat(promised.capacity) }]
              : []),
            ...(promised?.alertsPerDay != null
              ? [{ label: 'promised', x: span, y: flat(promised.alertsPerDay) }]
              : []),
          ]}
        />
      ) : null}
    </Card>
  );
}
