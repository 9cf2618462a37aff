import type { Objective } from './objective.js';

/**
 * XGBoost's `reg:squarederror`: half squared error, gradient `margin - label`, hessian 1.
 *
 * @example
 * squaredError.transform(1.5); // 1.5
 */
export const squaredError: Objective = {
  name: 'reg:squarederror',
  labelRule: 'a finite number',
  baseMargin: (baseScore) => baseScore,
  transform: (margin) => margin,
  isValidLabel: (label) => Number.isFinite(label),
  gradient(margin, label, _scalePosWeight, gh, r) {
    gh[2 * r] = margin - label;
    gh[2 * r + 1] = 1;
  },
  gradients(margins, labels, gh, start, end) {
    for (let r = start; r < end; r++) {
      gh[2 * r] = margins[r]! - labels[r]!;
      gh[2 * r + 1] = 1;
    }
  },
};
