/**
 * The engine's input: one `Float32Array` per feature (column-major), `NaN` for a missing value.
 * Float32 because XGBoost compares features and thresholds in float32; the same width gives the
 * same splits and the same scores.
 */
export interface FeatureMatrix {
  readonly rowCount: number;
  readonly featureNames: readonly string[];
  readonly columns: readonly Float32Array[];
}
