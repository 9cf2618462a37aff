import { useEffect, useRef } from 'preact/hooks';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** The colours of a chart's series, in order: distinct for the colour-blind and in grey print. */
export const PALETTE = ['#1f5fbf', '#d9480f', '#2b8a3e', '#862e9c', '#e8590c', '#495057'];

/** One line (or set of bars) of a chart: its points, not necessarily on the x of the others. */
export interface ChartSeries {
  readonly label: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number | null>;
}

export interface ChartProps {
  /** What the chart shows, read by screen readers and shown above it. */
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  /** Bars instead of lines (histograms). */
  readonly bars?: boolean;
  /** The x axis is time in seconds since the epoch. */
  readonly time?: boolean;
  /** Both axes from 0 to 1, with the diagonal (ROC curves, calibration). */
  readonly unitSquare?: boolean;
  readonly height?: number;
  /** Names of the x values 0, 1, 2… (categories, histogram bins) shown on the axis instead. */
  readonly xLabels?: readonly string[];
}

function sortedPairs(series: ChartSeries): [number[], (number | null)[]] {
  const order = Array.from(series.x, (_, i) => i).sort((a, b) => series.x[a]! - series.x[b]!);
  return [order.map((i) => series.x[i]!), order.map((i) => series.y[i] ?? null)];
}

/**
 * A chart drawn with uPlot on a canvas, as wide as its container (redrawn when that changes).
 * Series with different x values are joined on the union of their x values.
 *
 * @example
 * <Chart title="ROC curve" xLabel="false positive rate" yLabel="true positive rate" unitSquare series={[{ label: 'test', x: fpr, y: tpr }]} />
 */
export function Chart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || props.series.length === 0) return;
    const series = props.unitSquare
      ? [...props.series, { label: 'chance', x: [0, 1], y: [0, 1] }]
      : props.series;
    const data = (
      series.length === 1 ? sortedPairs(series[0]!) : uPlot.join(series.map(sortedPairs) as AlignedData[])
    ) as AlignedData;
    const width = () => Math.max(240, element.clientWidth);
    const options: Options = {
      width: width(),
      height: props.height ?? 260,
      scales: {
        x: {
          time: Boolean(props.time),
          ...(props.unitSquare ? { range: [0, 1] } : {}),
          ...(props.xLabels ? { range: [-0.5, props.xLabels.length - 0.5] } : {}),
        },
        y: props.unitSquare
          ? { range: [0, 1] }
          : props.bars
            ? { range: (_u: uPlot, _min: number, max: number) => [0, max > 0 ? max * 1.08 : 1] }
            : { auto: true },
      },
      axes: [
        {
          label: props.xLabel,
          stroke: '#343a40',
          grid: { stroke: '#e9ecef' },
          ...(props.xLabels
            ? {
                values: (_: uPlot, splits: number[]) =>
                  splits.map((i) => (Number.isInteger(i) ? (props.xLabels![i] ?? '') : '')),
                rotate: -35,
                size: 70,
              }
            : {}),
        },
        { label: props.yLabel, stroke: '#343a40', grid: { stroke: '#e9ecef' } },
      ],
      legend: { show: series.length > 1, live: false },
      cursor: { drag: { x: false, y: false } },
      series: [
        { label: props.xLabel },
        ...series.map((s, i) => ({
          label: s.label,
          spanGaps: true,
          width: 2,
          ...(s.label === 'chance'
            ? { stroke: '#adb5bd', dash: [4, 4], points: { show: false } }
            : { stroke: PALETTE[i % PALETTE.length]! }),
          ...(props.bars
            ? {
                // Side by side when there are two: the first left of its x, the second right.
                paths: uPlot.paths.bars!(
                  props.series.length === 2
                    ? { size: [0.45, 40], align: i === 0 ? -1 : 1, gap: 1 }
                    : { size: [0.8, 60], gap: 1 },
                ),
                fill: `${PALETTE[i % PALETTE.length]}99`,
                points: { show: false },
              }
            : // Points where there are few, so that a single one is seen.
              { points: { show: s.x.length <= 60, size: 7 } }),
        })),
      ],
    };
    const plot = new uPlot(options, data, element);
    const resized = new ResizeObserver(() => plot.setSize({ width: width(), height: props.height ?? 260 }));
    resized.observe(element);
    return () => {
      resized.disconnect();
      plot.destroy();
    };
  }, [props]);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div ref={box} role="img" aria-label={props.title} />
    </figure>
  );
}
