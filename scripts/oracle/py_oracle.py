"""Golden values from independent Python implementations (issue 11).

Run from the repository root after fe_oracle.R (bash scripts/oracle/run.sh does
both): .venv/bin/python scripts/oracle/py_oracle.py
(or $ALLIANCE_PYTHON); `.venv/bin/pip install -r requirements/oracle.txt` first.
Needs requirements/oracle.txt (pyfixest, linearmodels, wildboottest).

Reads the datasets that fe_oracle.R wrote (test/fixtures/oracle/<name>.json,
same numbers, same models) and writes test/fixtures/oracle/python/<name>.json
with, per model, the estimates, SEs, t statistics and p-values of:

  pyfixest (fixest's conventions; pyfixest mimics fixest::ssc())
    iid:fixest          vcov="iid"
    hc1:fixest          vcov="hetero", default ssc()
    hc1:full            vcov="hetero", ssc(k_fixef="full")
    cluster:fixest      vcov={"CRV1": unit}, default ssc() = fixest's default
    cluster:full        vcov={"CRV1": unit}, ssc(k_fixef="full")
    cluster2:fixest     vcov={"CRV1": "unit+time"}, default ssc (G_df="min")
    cluster2:full       vcov={"CRV1": "unit+time"}, ssc(k_fixef="full")
  linearmodels PanelOLS (Stata's xtreg, fe; the constant among the regressors,
  further FE as dummies, entity effects absorbed)
    iid:stata           cov_type="unadjusted", debiased=True
    hc1:stata           cov_type="robust", debiased=True
    cluster:stata       cov_type="clustered", cluster_entity=True, debiased=True,
                        group_debias=True  (documented by linearmodels 7.1 as
                        "the clustered covariance of Stata's xtreg, fe vce(cluster ...)")
    with the constant and its SE under each.

and wildboot.json: a 10-cluster panel where wildboottest (WCR11, Rademacher,
full enumeration of the 2^10 sign vectors) gives t, the bootstrap t of every
sign vector, and the p-value.

Every output is written to a temporary file and renamed.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
import pyfixest as pf
from linearmodels.panel import PanelOLS
from wildboottest.wildboottest import WildboottestCL

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "test" / "fixtures" / "oracle"
OUT = SRC / "python"
DATASETS = ["balanced", "unbalanced", "singletons", "collinear", "grunfeld", "panel_huawei", "threefe"]
FIXEF_TOL = 1e-13

VERSIONS = {
    "python": platform.python_version(),
    **{p: version(p) for p in ["pyfixest", "linearmodels", "wildboottest", "numpy", "pandas"]},
}


def write_json(path: Path, obj: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        json.dump(obj, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    os.replace(tmp, path)
    print("wrote", path.relative_to(ROOT))


def singleton_mask(d: pd.DataFrame, fe: list[str]) -> np.ndarray:
    """Iteratively: rows alone in a level of some FE (as fe_oracle.R)."""
    drop = np.zeros(len(d), dtype=bool)
    while True:
        changed = False
        for f in fe:
            counts = d.loc[~drop, f].value_counts()
            s = ~drop & d[f].isin(counts.index[counts == 1])
            if s.any():
                drop |= s.to_numpy()
                changed = True
        if not changed:
            return drop


def fixest_rows(fit) -> dict:
    tidy = fit.tidy()
    return {
        "coef": {t: float(v) for t, v in tidy["Estimate"].items()},
        "se": {t: float(v) for t, v in tidy["Std. Error"].items()},
        "t": {t: float(v) for t, v in tidy["t value"].items()},
        "p": {t: float(v) for t, v in tidy["Pr(>|t|)"].items()},
        "df_t": int(fit._df_t),
        "nobs": int(fit._N),
    }


def pyfixest_model(d: pd.DataFrame, y: str, x: list[str], fe: list[str], cluster: str, time: str, drop_s: bool) -> dict:
    fml = f"{y} ~ {' + '.join(x)} | {' + '.join(fe)}"
    kw = dict(fixef_rm="singleton" if drop_s else "none", fixef_tol=FIXEF_TOL, fixef_maxiter=1_000_000)
    full = pf.ssc(k_fixef="full")
    runs = {
        "iid:fixest": dict(vcov="iid"),
        "hc1:fixest": dict(vcov="hetero"),
        "hc1:full": dict(vcov="hetero", ssc=full),
        "cluster:fixest": dict(vcov={"CRV1": cluster}),
        "cluster:full": dict(vcov={"CRV1": cluster}, ssc=full),
        "cluster2:fixest": dict(vcov={"CRV1": f"{cluster}+{time}"}),
        "cluster2:full": dict(vcov={"CRV1": f"{cluster}+{time}"}, ssc=full),
    }
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for key, a in runs.items():
            out[key] = fixest_rows(pf.feols(fml, data=d, **kw, **a))
    return out


def linearmodels_model(d: pd.DataFrame, y: str, x: list[str], fe: list[str], unit: str, time: str, drop_s: bool, center: bool = False) -> dict:
    """Stata xtreg y x i.time, fe: entity effects absorbed; const and time dummies as regressors.

    center=True: the time dummies centred on their sample means, so that the constant is
    ȳ − x̄ᵀb (what reghdfe reports and lib/estimate/feols.ts computes), slopes and K unchanged.
    """
    if drop_s:
        d = d.loc[~singleton_mask(d, fe)]
    d = d.copy()
    exog = pd.DataFrame({"const": 1.0}, index=d.index)
    for v in x:
        exog[v] = d[v].astype(float)
    if len(fe) == 2:
        levels = sorted(d[fe[1]].unique())
        for lv in levels[1:]:
            dummy = (d[fe[1]] == lv).astype(float)
            exog[f"{fe[1]}_{lv}"] = dummy - dummy.mean() if center else dummy
    idx = pd.MultiIndex.from_arrays([d[unit].to_numpy(), d[time].to_numpy()], names=[unit, time])
    dep = pd.Series(d[y].astype(float).to_numpy(), index=idx, name=y)
    exog.index = idx
    mod = PanelOLS(dep, exog, entity_effects=True)
    fits = {
        "iid:stata": mod.fit(cov_type="unadjusted", debiased=True),
        "hc1:stata": mod.fit(cov_type="robust", debiased=True),
        "cluster:stata": mod.fit(cov_type="clustered", cluster_entity=True, debiased=True, group_debias=True),
    }
    out = {}
    for key, r in fits.items():
        out[key] = {
            "coef": {v: float(r.params[v]) for v in x},
            "se": {v: float(r.std_errors[v]) for v in x},
            "constant": {"estimate": float(r.params["const"]), "std_error": float(r.std_errors["const"])},
            "nobs": int(r.nobs),
        }
    return out


def run_dataset(name: str) -> None:
    src = json.loads((SRC / f"{name}.json").read_text())
    d = pd.DataFrame(src["data"])
    models = []
    for m in src["models"]:
        x = list(np.atleast_1d(m["x"]))
        fe = list(np.atleast_1d(m["fe"]))
        dropped = list(np.atleast_1d(m.get("dropped", [])))
        kept = [v for v in x if v not in dropped]
        unit = m["cluster"]
        time = "year" if "year" in d.columns else "time"
        drop_s = bool(m.get("drop_singletons", False))
        entry = {"y": m["y"], "x": x, "fe": fe, "cluster": unit, "cluster2": time, "drop_singletons": drop_s}
        entry["pyfixest"] = pyfixest_model(d, m["y"], x, fe, unit, time, drop_s)
        if len(fe) <= 2:
            entry["linearmodels"] = linearmodels_model(d, m["y"], kept, fe, unit, time, drop_s)
            if len(fe) == 2:
                entry["linearmodels_centered"] = linearmodels_model(d, m["y"], kept, fe, unit, time, drop_s, center=True)
        models.append(entry)
    write_json(OUT / f"{name}.json", {
        "name": name,
        "source_fixture": f"test/fixtures/oracle/{name}.json",
        "generated_by": "scripts/oracle/py_oracle.py",
        "versions": VERSIONS,
        "models": models,
    })


def within(M: np.ndarray, D: np.ndarray) -> np.ndarray:
    """Residuals of M on the dummy matrix D (least squares, numpy)."""
    coef, *_ = np.linalg.lstsq(D, M, rcond=None)
    return M - D @ coef


def run_wildboot() -> None:
    """Enumerable wild cluster bootstrap: 10 clusters x 6 periods, unit + time FE."""
    rng = np.random.default_rng(20261202)
    G, T = 10, 6
    unit = np.repeat(np.arange(1, G + 1), T)
    time = np.tile(np.arange(1, T + 1), G)
    a = rng.normal(size=G)[unit - 1]
    x1 = np.round(rng.normal(size=G * T) + 0.5 * a, 6)
    x2 = np.round(rng.normal(size=G * T), 6)
    x3 = np.round(rng.uniform(size=G * T), 6)
    e = rng.normal(size=G * T) * (1 + 0.5 * np.abs(x1)) + 0.6 * rng.normal(size=G)[unit - 1]
    y = np.round(0.4 * x1 + 0.15 * x2 + 0.0 * x3 + a + 0.2 * time + e, 6)
    D = np.column_stack([(unit == g).astype(float) for g in range(1, G + 1)] + [(time == t).astype(float) for t in range(2, T + 1)])
    X = within(np.column_stack([x1, x2, x3]), D)
    yw = within(y, D)
    tests = []
    for j, term in enumerate(["x1", "x2", "x3"]):
        R = np.zeros(3)
        R[j] = 1
        wb = WildboottestCL(X=X, Y=yw, cluster=unit, R=R, B=99999, seed=1, parallel=False)
        wb.get_scores(bootstrap_type="11", impose_null=True)
        wb.get_weights(weights_type="rademacher")
        wb.get_numer()
        wb.get_denom()
        wb.get_tboot()
        wb.get_vcov()
        wb.get_tstat()
        wb.get_pvalue(pval_type="two-tailed")
        assert wb.full_enumeration and wb.B == 2 ** G
        tests.append({
            "term": term,
            "t_stat": float(np.ravel(wb.t_stat)[0]),
            "t_boot": [float(v) for v in np.ravel(wb.t_boot)],
            "p_value": float(wb.pvalue),
            # weights: column b is the b-th tuple of itertools.product([-1, 1], repeat=G) over np.unique(cluster)
            "ssc": float(wb.ssc),
        })
    write_json(OUT / "wildboot.json", {
        "name": "wildboot",
        "description": "synthetic: 10 units x 6 periods, numpy default_rng(20261202), rounded to 6 decimals; "
                       "y ~ x1 + x2 + x3 | unit + time, clustered by unit",
        "generated_by": "scripts/oracle/py_oracle.py",
        "versions": VERSIONS,
        "method": "wildboottest WildboottestCL on the within-transformed data (numpy lstsq on the unit and time dummies): "
                  "bootstrap_type '11' (WCR11: null imposed, CRV1), Rademacher weights, full enumeration (2^10 < B), "
                  "ssc (N-1)/(N-k) G/(G-1) with k = 3 slopes; p = mean(|t| < |t*|)",
        "weights_order": "itertools.product([-1, 1], repeat=10): cluster np.unique order (units 1..10), first unit most significant",
        "data": {"unit": unit.tolist(), "time": time.tolist(), "x1": x1.tolist(), "x2": x2.tolist(), "x3": x3.tolist(), "y": y.tolist()},
        "tests": tests,
    })


def main() -> None:
    only = sys.argv[1:]
    for name in DATASETS:
        if only and name not in only:
            continue
        if not (SRC / f"{name}.json").exists():
            print(f"skip {name}: {name}.json not found (run fe_oracle.R first)")
            continue
        print("dataset", name, flush=True)
        run_dataset(name)
    if not only or "wildboot" in only:
        run_wildboot()


if __name__ == "__main__":
    main()
