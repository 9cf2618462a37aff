import type { BinMapper } from './bin-mapper.js';
import type { GbdtParams } from './parameters.js';
import type { WorkspaceLayout } from './training-workspace.js';

/**
 * At most this many row blocks. Blocks depend only on the row count, never on the thread count, so
 * that one thread and many threads sum histograms in the same order and grow the same trees.
 */
export const MAX_BLOCKS = 8;
/** Rows of a block below which data is not split further. */
export const MIN_BLOCK_ROWS = 16384;
const HIST_BUDGET_BYTES = 32 << 20;

/**
 * The workspace layout for `rowCount` rows binned by `mapper` under `params`.
 *
 * @example
 * const layout = trainingLayout(1_000_000, mapper, params); // 8 blocks of 125000 rows
 */
export function trainingLayout(rowCount: number, mapper: BinMapper, params: GbdtParams): WorkspaceLayout {
  const blockCount = Math.max(1, Math.min(MAX_BLOCKS, Math.ceil(rowCount / MIN_BLOCK_ROWS)));
  const blockRows = Math.ceil(rowCount / blockCount);
  let maxNodes = 2 * rowCount - 1;
  if (params.max_depth > 0) maxNodes = Math.min(maxNodes, 2 ** (params.max_depth + 1) - 1);
  if (params.max_leaves > 0) maxNodes = Math.min(maxNodes, 2 * params.max_leaves - 1);
  maxNodes = Math.max(1, maxNodes);
  const perSlot = blockCount * mapper.totalBins * 16;
  const histSlots = Math.max(
    1,
    Math.min(64, Math.floor(HIST_BUDGET_BYTES / perSlot), Math.ceil(maxNodes / 2)),
  );
  return {
    rowCount,
    featureCount: mapper.featureCount,
    blockRows,
    blockCount,
    maxNodes,
    histSlots,
    totalBins: mapper.totalBins,
    wideBins: mapper.maxBinCount > 256,
    binOffsets: Array.from(mapper.binOffsets),
    objective: params.objective,
    scalePosWeight: params.scale_pos_weight,
    subsample: params.subsample,
  };
}
