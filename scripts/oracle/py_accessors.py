"""Golden values for the fixest-style accessors (lib/estimate/accessors.ts).

Run from the repository root (bash scripts/oracle/run.sh does it after
py_oracle.py): .venv/bin/python scripts/oracle/py_accessors.py
(or $ALLIANCE_PYTHON; needs requirements/oracle.txt).

Reads two datasets that fe_oracle.R wrote (test/fixtures/oracle/<name>.json):
grunfeld (real: Grunfeld's investment panel) and panel_huawei (real, derived:
the project's estimation sample of model (7)). Fits the two-way FE model of
each with pyfixest under three vcovs (iid, hetero, CRV1 by unit; pyfixest's
default ssc, which is fixest's) and writes, per fit, what pyfixest's
`Feols.tidy()` returns (Estimate, Std. Error, t value, Pr(>|t|), 2.5%, 97.5%)
and `Feols.confint(alpha=0.10)` (the 90% interval), to
test/fixtures/oracle/python/accessors.json (temporary file, then rename).
"""

from __future__ import annotations

import json
import platform
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import pyfixest as pf

from py_oracle import write_json  # same folder: the oracle's atomic JSON writer

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "test" / "fixtures" / "oracle"
OUT = SRC / "python" / "accessors.json"
VCOVS = {"iid": "iid", "hetero": "hetero", "cluster": "CRV1"}


def fits(name: str) -> list[dict]:
    src = json.loads((SRC / f"{name}.json").read_text())
    d = pd.DataFrame(src["data"])
    m = src["models"][0]
    y, x, fe, cluster = m["y"], m["x"], m["fe"], m["cluster"]
    fml = f"{y} ~ {' + '.join(x)} | {' + '.join(fe)}"
    out = []
    for key, v in VCOVS.items():
        vcov = {v: cluster} if v == "CRV1" else v
        fit = pf.feols(fml, data=d, vcov=vcov)
        tidy = fit.tidy()
        ci90 = fit.confint(alpha=0.10)
        out.append({
            "dataset": name, "formula": fml, "vcov": key, "cluster": cluster if key == "cluster" else None,
            "tidy": {
                t: {
                    "estimate": float(r["Estimate"]), "std.error": float(r["Std. Error"]),
                    "statistic": float(r["t value"]), "p.value": float(r["Pr(>|t|)"]),
                    "conf.low": float(r["2.5%"]), "conf.high": float(r["97.5%"]),
                }
                for t, r in tidy.iterrows()
            },
            "confint90": {t: [float(r.iloc[0]), float(r.iloc[1])] for t, r in ci90.iterrows()},
        })
    return out


def main() -> None:
    write_json(OUT, {
        "name": "accessors",
        "generated_by": "scripts/oracle/py_accessors.py",
        "versions": {"python": platform.python_version(), **{p: version(p) for p in ["pyfixest", "numpy", "pandas"]}},
        "fits": fits("grunfeld") + fits("panel_huawei"),
    })


if __name__ == "__main__":
    main()
