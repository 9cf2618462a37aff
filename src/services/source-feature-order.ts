/**
 * Among an imported version's files, the feature order of the model as it was imported. The bundle
 * keeps features sorted (as the feature pipeline outputs them); exporting puts them back in this
 * order, so that the exported file takes the same columns, in the same positions, as the imported one.
 */
export const SOURCE_FEATURE_ORDER_PATH = 'model/source-feature-order.json';
