"""One XGBoost 1.7 measurement in its own process: train hist on DIR/train_*.f32, score
DIR/test_*.f32 with inplace_predict, print one JSON line (peak memory from getrusage).
usage: /usr/bin/python3 bench/gbdt/xgb_side.py --dir DIR --threads N [--trees 100 --depth 6 --eta 0.1 --max-bin 256]
"""
import argparse, json, resource, time
import numpy as np
import xgboost as xgb

ap = argparse.ArgumentParser()
ap.add_argument("--dir", required=True)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--trees", type=int, default=100)
ap.add_argument("--depth", type=int, default=6)
ap.add_argument("--eta", type=float, default=0.1)
ap.add_argument("--max-bin", type=int, default=256)
ap.add_argument("--features", type=int, default=3)
a = ap.parse_args()


def load(split):
    x = np.fromfile(f"{a.dir}/{split}_x.f32", dtype=np.float32).reshape(-1, a.features)
    y = np.fromfile(f"{a.dir}/{split}_y.f32", dtype=np.float32)
    return x, y


def roc_auc(scores, labels):
    """Exact ROC AUC, ties counted as one half (as scikit-learn's roc_auc_score)."""
    pos = np.sort(scores[labels == 1].astype(np.float64))
    neg = np.sort(scores[labels != 1].astype(np.float64))
    below = np.searchsorted(neg, pos, side="left")
    upto = np.searchsorted(neg, pos, side="right")
    return float((below.sum() + 0.5 * (upto - below).sum()) / (len(pos) * len(neg)))


xtr, ytr = load("train")
xte, yte = load("test")
params = {"objective": "binary:logistic", "tree_method": "hist", "max_depth": a.depth, "eta": a.eta,
          "max_bin": a.max_bin, "nthread": a.threads, "verbosity": 0}
t0 = time.perf_counter()
c0 = time.process_time()
dtrain = xgb.DMatrix(xtr, label=ytr, nthread=a.threads)
booster = xgb.train(params, dtrain, num_boost_round=a.trees)
train_s = time.perf_counter() - t0
train_cpu_s = time.process_time() - c0
booster.inplace_predict(xte[:10000])
t1 = time.perf_counter()
p = booster.inplace_predict(xte)
predict_s = time.perf_counter() - t1
nodes = sum(int(line.count(":")) for line in booster.get_dump())
print(json.dumps({"side": "xgboost", "version": xgb.__version__, "train_rows": len(ytr), "test_rows": len(yte),
                  "train_s": train_s, "train_cpu_s": train_cpu_s, "predict_rows_per_s": len(yte) / predict_s, "test_auc": roc_auc(p, yte),
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "nodes": nodes}))
