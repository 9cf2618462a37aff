import { describe, expect, it } from 'vitest';
import { modelCardCaveats } from './model-card.js';

describe('the model card caveats', () => {
  it('calls out a wide test ROC AUC interval with its bounds, and a few positives, but not a narrow one', () => {
    const small = modelCardCaveats(
      {
        test_roc_auc: 0.61,
        test_roc_auc_lower: 0.52,
        test_roc_auc_upper: 0.7,
        train_roc_auc: 0.91,
        test_positives: 33,
      },
      0.89,
    );
    expect(small).toContain(
      "the test ROC AUC's 95% confidence interval is 0.5200 to 0.7000 (DeLong): the test split is too small to tell apart models whose ROC AUC differ by less than about 0.0900",
    );
    expect(small).toContain('fewer than 100 positive cases in the test split: the metrics are uncertain');
    expect(small).toContain('train ROC AUC exceeds test by 0.3000: the model may overfit');
    const large = modelCardCaveats(
      {
        test_roc_auc: 0.93,
        test_roc_auc_lower: 0.925,
        test_roc_auc_upper: 0.935,
        train_roc_auc: 0.94,
        test_positives: 9000,
      },
      0.89,
    );
    expect(large.some((c) => c.includes('confidence interval'))).toBe(false);
    expect(large).toHaveLength(3);
  });
});
