"""Score rows with real XGBoost for the amlops save test: reads a JSON request on stdin,
{"models": [{"path": "m.json", "rows": [[1.0, null, ...], ...], "treeLimit": 10 | null}]},
loads each model with xgboost.Booster(model_file=path) and prints
{"xgboost": version, "results": [{"margin": [...], "probability": [...], "contributions": [[...]]}]}.
Run with Debian's /usr/bin/python3 (package python3-xgboost)."""
import json
import sys

import numpy as np
import xgboost as xgb

request = json.load(sys.stdin)
results = []
for item in request["models"]:
    booster = xgb.Booster(model_file=item["path"])
    rows = np.array([[np.nan if v is None else v for v in row] for row in item["rows"]], dtype=np.float32)
    data = xgb.DMatrix(rows, feature_names=booster.feature_names)
    limit = item.get("treeLimit")
    it = (0, limit) if limit else (0, 0)
    results.append({
        "margin": [float(v) for v in booster.predict(data, output_margin=True, iteration_range=it)],
        "probability": [float(v) for v in booster.predict(data, iteration_range=it)],
        "contributions": [[float(v) for v in r] for r in booster.predict(data, pred_contribs=True, iteration_range=it)],
        "bestIteration": booster.attr("best_iteration"),
    })
print(json.dumps({"xgboost": xgb.__version__, "results": results}))
