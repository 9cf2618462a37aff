import type { Metric } from 'prom-client';

type Labels = Readonly<Record<string, string | number>>;

/** One sample of a metric as prom-client's registry formats it. */
export interface MetricSample {
  readonly metricName?: string;
  readonly labels: Labels;
  readonly value: number;
}

/**
 * A metric whose samples are read from amlops' own counters when the registry is scraped. prom-client's
 * labelled metrics hash their label object on every observation (microseconds on the request path);
 * these series are found by nested lookups on the label values instead.
 *
 * @example
 * registry.registerMetric(customMetric('amlops_things_total', 'Things', 'counter', () => [{ labels: {}, value: 3 }]));
 */
export function customMetric(
  name: string,
  help: string,
  type: 'counter' | 'histogram',
  samples: () => MetricSample[],
): Metric {
  return {
    name,
    help,
    type,
    get: async () => ({ name, help, type, aggregator: 'sum', values: samples() }),
  } as unknown as Metric;
}

/** One labelled series of a histogram: observations per bucket (not cumulative), their sum and count. */
export class HistogramSeries {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Labels,
    buckets: number,
  ) {
    this.counts = new Float64Array(buckets);
  }
}

/** The samples of histogram series as Prometheus' text format has them: cumulative buckets, +Inf, sum, count. */
export function histogramSamples(
  name: string,
  upperBounds: readonly number[],
  series: Iterable<HistogramSeries>,
): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const s of series) {
    let cumulative = 0;
    upperBounds.forEach((le, i) => {
      cumulative += s.counts[i]!;
      samples.push({ metricName: `${name}_bucket`, labels: { ...s.labels, le }, value: cumulative });
    });
    samples.push({ metricName: `${name}_bucket`, labels: { ...s.labels, le: '+Inf' }, value: s.count });
    samples.push({ metricName: `${name}_sum`, labels: s.labels, value: s.sum });
    samples.push({ metricName: `${name}_count`, labels: s.labels, value: s.count });
  }
  return samples;
}

/** A map from a label value to what is kept for it, made on first use. */
export function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
