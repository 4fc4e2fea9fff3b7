"""Golden values of de Chaisemartin & D'Haultfoeuille (2020) two-way FE weights
from the PyPI package twowayfeweights 0.1.0 (requirements/oracle.txt).

Run from the repository root (bash scripts/oracle/run.sh runs it):
    .venv/bin/python scripts/oracle/twfe_weights_oracle.py
Reads test/fixtures/oracle/twfeweights_panel.csv (written by
exportTwfeWeightsSample.ts) and the package's own Wooldridge wagepan data (the
first 120 men, written to test/fixtures/oracle/twfeweights_wagepan.csv), and
writes test/fixtures/oracle/python/twfeweights.json: for each case, type feTR,
the treatment, the controls, beta, the counts and sums of positive and
negative weights, both sensitivity measures and every (g, t) weight.
Written to a temporary file and renamed.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
from twowayfeweights import twowayfeweights
from twowayfeweights.datasets import load_wagepan

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "test" / "fixtures" / "oracle"
OUT = FIX / "python" / "twfeweights.json"


def write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def num(v):
    return None if v is None or (isinstance(v, float) and not np.isfinite(v)) else float(v)


def case(name, df, Y, G, T, D, controls):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = twowayfeweights(df, Y, G, T, D, type="feTR", controls=controls or None)
    w = r.weights
    return {
        "name": name, "type": "feTR", "y": Y, "g": G, "t": T, "d": D, "controls": controls,
        "beta": num(r.beta), "nr_plus": r.nr_plus, "nr_minus": r.nr_minus, "sum_plus": num(r.sum_plus),
        "sum_minus": num(r.sum_minus), "tot_cells": r.tot_cells, "sensibility": num(r.sensibility),
        "sensibility2": num(r.sensibility2),
        "weights": [{"g": str(a), "t": int(b), "weight": float(c)} for a, b, c in zip(w.iloc[:, 0], w.iloc[:, 1], w["weight"])],
    }


def main() -> None:
    panel = pd.read_csv(FIX / "twfeweights_panel.csv")
    regs = [c for c in panel.columns if c not in ("iso3", "year", "huawei_stance")]
    cases = []
    for d in ["asym", "ideal", "ICTtrade"]:
        cases.append(case(f"panel_{d}", panel, "huawei_stance", "iso3", "year", d, [c for c in regs if c != d]))
    cases.append(case("panel_ICTtrade_nocontrols", panel, "huawei_stance", "iso3", "year", "ICTtrade", []))
    wp = load_wagepan()
    wp = wp[wp["nr"].isin(sorted(wp["nr"].unique())[:120])][["nr", "year", "lwage", "union", "married"]]
    wp.to_csv(FIX / "twfeweights_wagepan.csv", index=False)
    wp = pd.read_csv(FIX / "twfeweights_wagepan.csv")
    cases.append(case("wagepan_union", wp, "lwage", "nr", "year", "union", []))
    cases.append(case("wagepan_union_married", wp, "lwage", "nr", "year", "union", ["married"]))
    out = {"generated_by": "scripts/oracle/twfe_weights_oracle.py",
           "versions": {"twowayfeweights": version("twowayfeweights"), "numpy": np.__version__, "pandas": pd.__version__},
           "cases": cases}
    write_atomic(OUT, json.dumps(out, allow_nan=False, separators=(",", ":")) + "\n")
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()
