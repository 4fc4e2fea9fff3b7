/**
 * Every CSV the project writes reads cleanly with `pandas.read_csv` and its
 * defaults (issue 18): the replication results (writeReplicationOutputs, as
 * `npm run replicate` writes them), the panel of `build:data`
 * (data/panel.csv), `alliance gdelt aggregate --out` and `alliance fe --out`.
 * For each file pandas must give the shape the project meant (one header, no
 * extra rows), numeric dtypes for the sidecar's number and integer columns,
 * and the values the project meant to write: numbers within the writer's 12
 * significant digits (relative 1e-11; the GDELT file is written at full
 * precision: relative 1e-15, pandas' default float parser may be one unit in
 * the last place off), missing values and empty text as NaN, text as written
 * (a formula-leading text cell with the apostrophe the sidecar documents).
 *
 * Needs a Python with pandas (test/helpers/pandas.ts: ALLIANCE_PYTHON, the
 * project venv, python3 on PATH); skipped with a message when there is none.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pandasPython, readWithPandas, type PandasFrame } from "../helpers/pandas";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { neutralizeCell } from "../../lib/io/csvWrite";
import { metadataPath, type CsvwTable } from "../../lib/io/csvw";
import {
  replicationResults,
  resultRows,
  writeReplicationOutputs,
} from "../../lib/replication/tables";
import { TABLE2, TABLE3 } from "../../lib/replication/published";
import { readPanel } from "../../lib/panel/read";
import { PANEL_COLUMNS } from "../../lib/panel/schema";
import { policyR } from "../../lib/measures/policyScore";
import { feols } from "../../lib/estimate/feols";

const python = pandasPython();
const skip = python
  ? false
  : "no Python with pandas found (ALLIANCE_PYTHON, the project .venv, python3/python on PATH); pip install -r requirements/oracle.txt";
const BIN = path.join(REPO_ROOT, "bin", "alliance.js");

/** What the project meant to write: rows of values under columns. */
interface Meant {
  file: string;
  columns: readonly string[];
  rows: readonly Record<string, unknown>[];
  /** Relative tolerance of numbers. */
  rel: number;
}

/** The value pandas should give for a cell the project wrote. */
function expected(v: unknown): unknown {
  if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))) return null;
  if (typeof v === "string") return v === "" ? null : neutralizeCell(v);
  return v;
}

function compare(m: Meant, f: PandasFrame): void {
  const name = path.basename(m.file);
  assert.deepEqual(f.columns, [...m.columns], `${name}: columns`);
  assert.deepEqual(f.shape, [m.rows.length, m.columns.length], `${name}: shape`);
  const side = JSON.parse(fs.readFileSync(metadataPath(m.file), "utf8")) as CsvwTable;
  assert.deepEqual(
    side.tableSchema.columns.map((c) => c.titles),
    [...m.columns],
    `${name}: sidecar columns`,
  );
  side.tableSchema.columns.forEach((c, j) => {
    if (c.datatype === "number" || c.datatype === "integer") {
      // a column of only missing values is float64 in pandas too; never object (text)
      assert.match(
        f.dtypes[j],
        /^(float64|int64)$/,
        `${name}: column ${c.titles} (${c.datatype}) read as ${f.dtypes[j]}`,
      );
    }
  });
  m.rows.forEach((r, i) => {
    m.columns.forEach((c, j) => {
      const want = expected(r[c]);
      const got = f.rows[i][j];
      const where = `${name} row ${i + 1} column ${c}: pandas ${JSON.stringify(got)}, meant ${JSON.stringify(want)}`;
      if (typeof want === "number") {
        assert.equal(typeof got, "number", where);
        assert.ok(Math.abs((got as number) - want) <= m.rel * Math.abs(want), where);
      } else assert.equal(got, want, where);
    });
  });
}

test(
  "pandas.read_csv with defaults reads every CSV output as the project meant it",
  { skip },
  () => {
    const py = python ?? "";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csv-pandas-"));
    try {
      const meant: Meant[] = [];

      // npm run replicate: the results CSVs (the same writer function, on the committed panel)
      const res = replicationResults();
      writeReplicationOutputs(dir, res);
      const rowsOf = (rows: readonly object[]): Record<string, unknown>[] =>
        rows.map((r) => ({ ...r }));
      const t1 = rowsOf(res.table1);
      meant.push({
        file: path.join(dir, "results", "table1.csv"),
        columns: Object.keys(t1[0]),
        rows: t1,
        rel: 1e-11,
      });
      for (const [n, models, pub] of [
        ["table2", res.table2, TABLE2],
        ["table3", res.table3, TABLE3],
      ] as const) {
        const rows = rowsOf(resultRows(models, pub));
        meant.push({
          file: path.join(dir, "results", `${n}.csv`),
          columns: Object.keys(rows[0]),
          rows,
          rel: 1e-11,
        });
      }

      // build:data: data/panel.csv against the project's typed reader of it (test/scripts/cleanClone.test.ts
      // and test/scripts/buildPanel.test.ts show a rebuild gives these bytes)
      const panel = rowsOf(readPanel());
      meant.push({
        file: path.join(REPO_ROOT, "data", "panel.csv"),
        columns: PANEL_COLUMNS,
        rows: panel,
        rel: 1e-11,
      });

      // alliance gdelt aggregate --out, from a BigQuery-style export (negative Goldstein means included)
      const gd = [
        { iso3: "GBR", year: 2018, n_events: 3, mean_goldstein: -2.25, mean_mentions: 4.5 },
        { iso3: "JPN", year: 2018, n_events: 7, mean_goldstein: 1.1, mean_mentions: 2 },
        { iso3: "KOR", year: 2019, n_events: 1, mean_goldstein: -10, mean_mentions: 1 },
      ].map((r) => ({ ...r, policy: policyR(r.mean_goldstein, r.mean_mentions) }));
      const bq = path.join(dir, "bq.csv");
      fs.writeFileSync(
        bq,
        "iso3,year,n_events,mean_goldstein,mean_mentions,policy\n" +
          gd.map((r) => Object.values(r).join(",")).join("\n") +
          "\n",
      );
      const agg = path.join(dir, "policy_gdelt.csv");
      const a = spawnSync(process.execPath, [BIN, "gdelt", "aggregate", "--in", bq, "--out", agg], {
        encoding: "utf8",
      });
      assert.equal(a.status, 0, a.stderr);
      meant.push({ file: agg, columns: Object.keys(gd[0]), rows: gd, rel: 1e-15 });

      // alliance fe --out FILE.csv, with a regressor whose name a spreadsheet would run as a formula
      const data = {
        u: [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4],
        t: [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3],
        y: [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8],
        x: [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5],
        z: [0.5, -1, 2, 0, 1.5, -2, 1, 0.25, -0.5, 3, 1, 0],
      };
      const fin = path.join(dir, "fe_in.csv");
      fs.writeFileSync(
        fin,
        "u,t,y,x,-z\n" +
          data.u
            .map((_, i) => [data.u[i], data.t[i], data.y[i], data.x[i], data.z[i]].join(","))
            .join("\n") +
          "\n",
      );
      const fout = path.join(dir, "fe.csv");
      const f = spawnSync(
        process.execPath,
        [
          BIN,
          "fe",
          "--data",
          fin,
          "--y",
          "y",
          "--x",
          "x,-z",
          "--fe",
          "u,t",
          "--cluster",
          "u",
          "--out",
          fout,
        ],
        { encoding: "utf8" },
      );
      assert.equal(f.status, 0, f.stderr);
      const fit = feols({
        data: { ...data, "-z": data.z },
        y: "y",
        x: ["x", "-z"],
        fe: ["u", "t"],
        cluster: "u",
        ssc: "stata",
      });
      const feRows = fit.coefficients.map((c) => ({
        term: c.term,
        estimate: c.estimate,
        std_error: c.std_error,
        statistic: c.statistic,
        p_value: c.p_value,
        stars: c.p_value < 0.01 ? "***" : c.p_value < 0.05 ? "**" : c.p_value < 0.1 ? "*" : "",
        nobs: fit.nobs,
        r2: fit.r2,
        r2_within: fit.r2_within,
        nclusters: fit.nclusters,
        se_type: fit.vcovInfo.label,
      }));
      assert.ok(
        feRows.some((r) => r.estimate < 0),
        "a negative estimate is among the values checked",
      );
      meant.push({ file: fout, columns: Object.keys(feRows[0]), rows: feRows, rel: 1e-11 });

      const frames = readWithPandas(
        py,
        meant.map((m) => m.file),
      );
      meant.forEach((m, k) => compare(m, frames[k]));
      // the formula-leading term is the one text cell changed, and its sidecar says so
      assert.equal(frames[frames.length - 1].rows[1][0], "'-z");
      assert.match(fs.readFileSync(metadataPath(fout), "utf8"), /carry the added ': 1\./);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
