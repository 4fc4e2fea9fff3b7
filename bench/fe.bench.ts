/**
 * Benchmark (not a test): two-way FE with 1,000,000 rows (10,000 units x 100
 * periods), 5 regressors, clustered by unit. Prints wall time and peak RSS
 * of `feols` in Node and, when Rscript is installed, the time R's plm takes
 * for the same estimates and clustered vcov on the same data (passed as a
 * binary file), with the ratio. Data are synthetic (seeded random draws).
 * When a Python with pyfixest is found ($ALLIANCE_PYTHON or ./.venv with
 * requirements/oracle.txt), pyfixest's feols time on the same in-memory problem (after a
 * warm-up fit that compiles its numba code) and the ratio.
 * Then fixest's "difficult" design (bench/panelData.ts makeDifficult:
 * unbalanced, a poorly connected individual–firm graph) with 2 and 3 FE:
 * demeaning iterations and time, and pyfixest's time on the same data.
 *
 *   npm run bench                 (defaults: 10000 x 100, 3 Node runs, 1 R run, difficult n = 1e6)
 *   npm run bench -- --units 2000 --periods 50 --runs 1 --no-r --no-python --difficult 100000
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, cpus, totalmem, loadavg } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { feols } from "../lib/estimate/feols";
import { K, makeDifficult, makePanel } from "./panelData";
import { hasRscript, maxRel, numArg, pyfixestLine, pyfixestPython } from "./external";

const N = numArg("units", 10000);
const T = numArg("periods", 100);
const RUNS = numArg("runs", 3);
const withR = !process.argv.includes("--no-r");
const withPy = !process.argv.includes("--no-python");
const DIFFICULT = numArg("difficult", 1_000_000);
const n = N * T;

// Synthetic panel (bench/panelData.ts, shared with bench:ingest): x_j = unit effect + time
// effect + noise, y = x b + effects + noise.
const { unit, time, y, X } = makePanel(N, T);
const data: Record<string, ArrayLike<number>> = { y, unit, time };
X.forEach((c, j) => (data[`x${j + 1}`] = c));
const xs = X.map((_, j) => `x${j + 1}`);

console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}`,
);
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")} (other processes share the machine)`,
);
console.log(
  `workload: ${n.toLocaleString("en-US")} rows (${N} units x ${T} periods), ${K} regressors, FE unit + time, clustered by unit`,
);
const rssBefore = process.memoryUsage().rss;
const times: number[] = [];
let fit = feols({ data, y: "y", x: xs, fe: ["unit", "time"], cluster: "unit", ssc: "plm-sss" });
for (let r = 0; r < RUNS; r++) {
  const t0 = process.hrtime.bigint();
  fit = feols({ data, y: "y", x: xs, fe: ["unit", "time"], cluster: "unit", ssc: "plm-sss" });
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
const peak = process.resourceUsage().maxRSS * 1024;
const best = Math.min(...times);
console.log(
  `node feols: best ${best.toFixed(3)} s, runs ${times.map((t) => t.toFixed(3)).join(", ")} s (after 1 warm-up); demeaning iterations ${fit.demeanIterations}`,
);
console.log(
  `node peak RSS: ${(peak / 2 ** 20).toFixed(0)} MiB (process total, incl. ${(rssBefore / 2 ** 20).toFixed(0)} MiB of data + runtime before fitting)`,
);
// The same problem made unbalanced (10% of rows removed at random): the
// iterative (Irons–Tuck accelerated) demeaning path instead of the closed form.
{
  const keep: number[] = [];
  const r2 = seedrandom("fe-bench-unbalanced");
  for (let i = 0; i < n; i++) if (r2() >= 0.1) keep.push(i);
  const sub: Record<string, Float64Array | Int32Array> = {};
  for (const [name, col] of Object.entries(data))
    sub[name] =
      col instanceof Int32Array
        ? Int32Array.from(keep, (i) => col[i])
        : Float64Array.from(keep, (i) => col[i]);
  const t0 = process.hrtime.bigint();
  const u = feols({
    data: sub,
    y: "y",
    x: xs,
    fe: ["unit", "time"],
    cluster: "unit",
    ssc: "plm-sss",
  });
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `node feols, unbalanced (${u.nobs.toLocaleString("en-US")} rows, iterative demeaning, ${u.demeanIterations} iterations max): ${dt.toFixed(3)} s (1 run)`,
  );
}
console.log(
  `estimates: ${fit.coefficients.map((c) => `${c.term} ${c.estimate.toFixed(5)} (${c.std_error.toFixed(5)})`).join(", ")}`,
);

if (withR) {
  const has = hasRscript();
  if (!has) console.log("R: Rscript not found, plm comparison skipped");
  else {
    const dir = mkdtempSync(join(tmpdir(), "fe-bench-"));
    try {
      const cols = [Float64Array.from(unit), Float64Array.from(time), y, ...X];
      const buf = Buffer.alloc(cols.length * n * 8);
      cols.forEach((c, j) =>
        buf.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), j * n * 8),
      );
      writeFileSync(join(dir, "panel.bin"), buf);
      const script = `
suppressPackageStartupMessages(library(plm))
n <- ${n}; con <- file("${join(dir, "panel.bin")}", "rb"); v <- readBin(con, "double", n * ${cols.length}); close(con)
d <- as.data.frame(matrix(v, nrow = n)); names(d) <- c("unit", "time", "y", ${xs.map((x) => `"${x}"`).join(", ")})
pd <- pdata.frame(d, index = c("unit", "time"))
t0 <- proc.time()[["elapsed"]]
m <- plm(y ~ ${xs.join(" + ")}, data = pd, model = "within", effect = "twoways")
V <- vcovHC(m, cluster = "group", type = "sss")
el <- proc.time()[["elapsed"]] - t0
cat(sprintf("%.6f\\n", el)); cat(sprintf("%.17g ", coef(m)), "\\n"); cat(sprintf("%.17g ", sqrt(diag(V))), "\\n")`;
      writeFileSync(join(dir, "b.R"), script);
      const out = execFileSync("Rscript", [join(dir, "b.R")], {
        encoding: "utf8",
        maxBuffer: 1 << 24,
      })
        .trim()
        .split("\n");
      const rt = Number(out[0]);
      const rb = out[1].trim().split(/\s+/).map(Number);
      const rse = out[2].trim().split(/\s+/).map(Number);
      const maxRel = Math.max(
        ...fit.coefficients.map((c, j) => Math.abs(c.estimate - rb[j]) / Math.abs(rb[j])),
        ...fit.coefficients.map((c, j) => Math.abs(c.std_error - rse[j]) / rse[j]),
      );
      console.log(
        `R plm ${execFileSync("Rscript", ["-e", "cat(as.character(packageVersion('plm')))"], { encoding: "utf8" })} (plm + vcovHC sss, 1 run, excluding data load): ${rt.toFixed(3)} s`,
      );
      console.log(
        `ratio plm / node: ${(rt / best).toFixed(1)}x; max relative difference of estimates and SEs: ${maxRel.toExponential(2)}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Run a pyfixest script on columns passed as a binary file (float64, column-major); returns its JSON. */
function runPyfixest(
  py: string,
  cols: ArrayLike<number>[],
  names: string[],
  body: string,
): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), "fe-bench-py-"));
  try {
    const m = cols[0].length;
    const buf = Buffer.alloc(cols.length * m * 8);
    cols.forEach((c, j) => buf.set(new Uint8Array(Float64Array.from(c).buffer), j * m * 8));
    writeFileSync(join(dir, "cols.bin"), buf);
    writeFileSync(
      join(dir, "b.py"),
      `import json, time
import numpy as np, pandas as pd, pyfixest as pf
v = np.fromfile("${join(dir, "cols.bin")}", dtype="<f8").reshape(${cols.length}, ${m})
df = pd.DataFrame({n: v[j] for j, n in enumerate(${JSON.stringify(names)})})
for n in ${JSON.stringify(names)}:
    if n in ("unit", "time", "indiv", "firm", "year"):
        df[n] = df[n].astype("int64")
out = {"version": pf.__version__}
${body}
print(json.dumps(out))
`,
    );
    let txt: string;
    try {
      txt = execFileSync(py, [join(dir, "b.py")], {
        encoding: "utf8",
        maxBuffer: 1 << 24,
        stdio: ["ignore", "pipe", "pipe"],
      })
        .trim()
        .split("\n")
        .pop() as string;
    } catch (e) {
      // A Python failure is reported as one line (its last stderr line), not a stack trace.
      const stderr = (e as { stderr?: unknown }).stderr;
      const err =
        (typeof stderr === "string" ? stderr : "").trim().split("\n").pop() ||
        (e as Error).message.split("\n")[0];
      return { failed: err };
    }
    return JSON.parse(txt) as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const py = withPy ? pyfixestPython(join(__dirname, "..")) : null;
if (!withPy) console.log("pyfixest: skipped (--no-python)");
else if (!py) console.log("pyfixest: no Python with pyfixest found (set ALLIANCE_PYTHON), skipped");
else {
  const fml = `y ~ ${xs.join(" + ")} | unit + time`;
  const o = runPyfixest(
    py,
    [unit, time, y, ...X],
    ["unit", "time", "y", ...xs],
    `
fit = pf.feols("${fml}", data=df, vcov={"CRV1": "unit"}); fit.tidy()
ts = []
for r in range(${RUNS}):
    t0 = time.perf_counter(); fit = pf.feols("${fml}", data=df, vcov={"CRV1": "unit"}); tidy = fit.tidy(); ts.append(time.perf_counter() - t0)
out["times"] = ts; out["b"] = tidy["Estimate"].tolist()`,
  );
  if (typeof o.failed === "string") console.log(`pyfixest: failed (${o.failed})`);
  else {
    const pt = Math.min(...(o.times as number[]));
    console.log(
      `pyfixest ${String(o.version)} feols (CRV1 by unit, best of ${RUNS} after a warm-up that compiles numba code, excluding data load): ${pt.toFixed(3)} s; runs ${(o.times as number[]).map((t) => t.toFixed(3)).join(", ")} s`,
    );
    console.log(
      `ratio pyfixest / node: ${(pt / best).toFixed(2)}x (above 1: node faster); max relative difference of estimates: ${maxRel(
        o.b as number[],
        fit.coefficients.map((c) => c.estimate),
      ).toExponential(2)}`,
    );
  }
}

// fixest's "difficult" design: iterations and time of our demeaning.
if (DIFFICULT > 0) {
  const d = makeDifficult(DIFFICULT);
  const dd: Record<string, ArrayLike<number>> = {
    indiv: d.indiv,
    firm: d.firm,
    year: d.year,
    x1: d.x1,
    x2: d.x2,
    y: d.y,
  };
  console.log(
    `difficult design (fixest _BENCHMARK): ${DIFFICULT.toLocaleString("en-US")} rows, ${DIFFICULT / 20} individuals, ${Math.round(DIFFICULT / 160)} firms, ${Math.round(DIFFICULT ** 0.3)} years`,
  );
  const ours: Record<string, { t: number; b: number[] }> = {};
  for (const fe of [
    ["indiv", "firm"],
    ["indiv", "firm", "year"],
  ]) {
    const t0 = process.hrtime.bigint();
    const f = feols({ data: dd, y: "y", x: ["x1", "x2"], fe, vcov: "iid" });
    const dt = Number(process.hrtime.bigint() - t0) / 1e9;
    ours[fe.join("+")] = { t: dt, b: f.coefficients.map((c) => c.estimate) };
    console.log(
      `node feols y ~ x1 + x2 | ${fe.join(" + ")}: ${dt.toFixed(3)} s (1 run), demeaning converged in ${f.demeanIterations} iterations (CG + check, most for any column), estimates ${f.coefficients.map((c) => c.estimate.toFixed(6)).join(", ")}`,
    );
  }
  if (py) {
    // fixef_rm="none": keep singletons as feols does, so both fit the same sample.
    // pyfixest's default demeaning tolerance is 1e-8 (fixef_tol), ours 1e-12.
    const o = runPyfixest(
      py,
      [d.indiv, d.firm, d.year, d.x1, d.x2, d.y],
      ["indiv", "firm", "year", "x1", "x2", "y"],
      `
pf.feols("y ~ x1 + x2 | indiv + firm", data=df.head(20000), vcov="iid", fixef_rm="none").tidy()
for fe in ["indiv + firm", "indiv + firm + year"]:
    t0 = time.perf_counter()
    try:
        tidy = pf.feols("y ~ x1 + x2 | " + fe, data=df, vcov="iid", fixef_rm="none").tidy()
        out[fe.replace(" ", "")] = [time.perf_counter() - t0, tidy["Estimate"].tolist()]
    except Exception as e:  # non-convergence of the demeaning is a result, not a crash
        out[fe.replace(" ", "")] = {"error": (str(e).strip().splitlines() or [type(e).__name__])[0], "seconds": time.perf_counter() - t0}`,
    );
    for (const k of ["indiv+firm", "indiv+firm+year"])
      console.log(pyfixestLine(k, o.failed ? { error: o.failed } : o[k], ours[k]));
  }
}
