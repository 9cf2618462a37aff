"""XGBoost's side of test/gbdt/predict-speed.ts: inplace_predict rows/s (wall and per CPU-second) on
the same kind of data (standard normal features, 5% missing) for a model file.
usage: /usr/bin/python3 test/gbdt/xgboost-predict-speed.py model.json [rows] [nthread]"""
import json, sys, time
import numpy as np
import xgboost as xgb

path, rows = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
nthread = int(sys.argv[3]) if len(sys.argv) > 3 else 2
booster = xgb.Booster(model_file=path)
booster.set_param({"nthread": nthread})
rng = np.random.default_rng(11)
X = rng.normal(size=(rows, booster.num_features())).astype(np.float32)
X[rng.random(X.shape) < 0.05] = np.nan
booster.inplace_predict(X[:10000], validate_features=False)
wall, cpu = [], []
for _ in range(5):
    w0, c0 = time.perf_counter(), time.process_time()
    booster.inplace_predict(X, validate_features=False)
    wall.append(time.perf_counter() - w0)
    cpu.append(time.process_time() - c0)
print(json.dumps({"xgboost": xgb.__version__, "nthread": nthread, "rows": rows,
                  "rowsPerSecond": {"wall": round(rows / sorted(wall)[2]), "perCpuSecond": round(rows / sorted(cpu)[2])}}))
