import { describe, expect, it } from 'vitest';
import { BinMapper } from './bin-mapper.js';
import { logisticTestData } from './logistic-test-data.js';
import { resolveParams } from './parameters.js';
import { singleThreadBackend } from './training-backend.js';
import { trainingLayout } from './training-layout.js';
import { allocateWorkspace } from './training-workspace.js';
import type { Tree } from './tree.js';
import { TreeGrower } from './tree-grower.js';
import { addTreeMargins } from './tree-margins.js';

function growTrees(histSlots: number | undefined, count: number, maxDepth = 9): Tree[] {
  return grow(histSlots, count, maxDepth).trees;
}

function grow(histSlots: number | undefined, count: number, maxDepth: number) {
  const data = logisticTestData(30_000, 8);
  const params = resolveParams({ max_depth: maxDepth, min_child_weight: 0.5 });
  const mapper = BinMapper.fit(data.matrix, params.max_bin, params.seed);
  const base = trainingLayout(data.matrix.rowCount, mapper, params);
  const layout = histSlots === undefined ? base : { ...base, histSlots };
  const workspace = allocateWorkspace(layout, (bytes) => new ArrayBuffer(bytes));
  mapper.binRows(data.matrix, workspace.bins);
  workspace.labels.set(data.labels);
  const grower = new TreeGrower(workspace, singleThreadBackend.bind(workspace), mapper, params);
  const features = Int32Array.of(0, 1, 2);
  const trees = Array.from({ length: count }, (_, t) => grower.grow(features, t));
  return { trees, grower, workspace, data, features };
}

describe('TreeGrower', () => {
  it('builds the same trees when a level has more nodes to build than histogram slots', () => {
    const wide = growTrees(undefined, 3);
    const narrow = growTrees(3, 3);
    expect(wide.reduce((n, t) => n + t.left.length, 0)).toBeGreaterThan(300);
    narrow.forEach((tree, i) => {
      expect(Array.from(tree.splitCondition)).toEqual(Array.from(wide[i]!.splitCondition));
      expect(Array.from(tree.sumHessian)).toEqual(Array.from(wide[i]!.sumHessian));
    });
  });

  it('keeps training margins equal to walking the trees by their float32 thresholds', () => {
    const { trees, grower, workspace, data, features } = grow(undefined, 4, 4);
    // The next tree's first pass adds the last tree's leaves to the margins.
    grower.grow(features, 99);
    const walked = new Float32Array(data.matrix.rowCount);
    for (const tree of trees) addTreeMargins(tree, data.matrix, walked);
    expect(Array.from(workspace.margins)).toEqual(Array.from(walked));
  });

  it('gives each split node children whose hessians add up to its own', () => {
    for (const tree of growTrees(undefined, 2)) {
      tree.left.forEach((left, node) => {
        if (left === -1) return;
        const sum = tree.sumHessian[left]! + tree.sumHessian[tree.right[node]!]!;
        expect(sum).toBeCloseTo(tree.sumHessian[node]!, 2);
        expect(tree.parent[left]).toBe(node);
      });
    }
  });
});
