import type { Frame } from '../frame/index.js';
import type { SegmentValues } from './segment-spec.js';

/**
 * A frame column as a breakdown reads it: numbers as they are, categories and text as cells;
 * undefined when the frame has no such column.
 *
 * @example
 * segmentValues(frame, 'risk_pld'); // { kind: 'cells', values: ['HIGH', 'LOW', null, …] }
 */
export function segmentValues(frame: Frame, column: string): SegmentValues | undefined {
  const c = frame.get(column);
  if (!c) return undefined;
  if (c.kind === 'numeric') return { kind: 'numeric', values: c.values };
  if (c.kind === 'text') return { kind: 'cells', values: c.values };
  return { kind: 'cells', values: Array.from(c.codes, (code) => (code < 0 ? null : c.categories[code]!)) };
}
