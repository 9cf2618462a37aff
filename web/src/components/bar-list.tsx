import { percent } from '../format.js';

/**
 * Named values as horizontal bars, largest first, each with its share of the total: long names
 * (features, categories) stay readable, unlike under a chart's axis.
 *
 * @example
 * <BarList entries={[['risk_pld=HIGH', 36.9], ['net_flow', 8.4]]} />
 */
export function BarList(props: { entries: readonly (readonly [string, number])[] }) {
  const total = props.entries.reduce((sum, [, value]) => sum + value, 0) || 1;
  const largest = Math.max(...props.entries.map(([, value]) => value), 0) || 1;
  return (
    <ul class="bar-list">
      {props.entries.map(([name, value]) => (
        <li key={name}>
          <span class="bar-name">{name}</span>
          <span class="bar-track">
            <span class="bar-fill" style={{ width: `${(value / largest) * 100}%` }} />
          </span>
          <span class="bar-value">{percent(value / total)}</span>
        </li>
      ))}
    </ul>
  );
}
