/**
 * The synthetic panel of the FE benchmarks (bench/fe.bench.ts,
 * bench/ingest.bench.ts): N units × T periods, K = 5 regressors,
 * x_j = noise + 0.5·a_unit + 0.3·g_time, y = x·β + a_unit + g_time + noise,
 * seeded draws (seedrandom "fe-bench"). Values are rounded to 15 significant
 * digits, as data.table::fwrite and most exporters write them, so the CSV
 * written by {@link writePanelCsv} reads back to exactly these arrays.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import seedrandom from "seedrandom";

export const BETA = [1, -0.5, 0.25, 0.8, -1.2];
export const K = BETA.length;

export interface Panel {
  unit: Int32Array;
  time: Int32Array;
  y: Float64Array;
  X: Float64Array[];
}

const r15 = (v: number): number => Number(v.toPrecision(15));

/** Draw the panel (row i: unit ⌊i / T⌋, period i mod T). */
export function makePanel(N: number, T: number): Panel {
  const n = N * T;
  const rng = seedrandom("fe-bench");
  const gauss = (): number => {
    const u = 1 - rng(),
      v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const unit = new Int32Array(n),
    time = new Int32Array(n);
  const a = Float64Array.from({ length: N }, gauss),
    g = Float64Array.from({ length: T }, gauss);
  const X: Float64Array[] = Array.from({ length: K }, () => new Float64Array(n));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = Math.floor(i / T),
      t = i % T;
    unit[i] = u;
    time[i] = t;
    let s = a[u] + g[t] + gauss();
    for (let j = 0; j < K; j++) {
      const v = r15(gauss() + 0.5 * a[u] + 0.3 * g[t]);
      X[j][i] = v;
      s += BETA[j] * v;
    }
    y[i] = r15(s);
  }
  return { unit, time, y, X };
}

/** Write the panel as CSV (header unit,time,y,x1..x5), streamed in blocks. */
export function writePanelCsv(p: Panel, file: string): void {
  const fd = openSync(file, "w");
  try {
    writeSync(fd, `unit,time,y,${p.X.map((_, j) => `x${j + 1}`).join(",")}\n`);
    const n = p.y.length;
    let buf: string[] = [];
    for (let i = 0; i < n; i++) {
      let line = `${p.unit[i]},${p.time[i]},${p.y[i]}`;
      for (let j = 0; j < p.X.length; j++) line += `,${p.X[j][i]}`;
      buf.push(line);
      if (buf.length === 50000) {
        writeSync(fd, buf.join("\n") + "\n");
        buf = [];
      }
    }
    if (buf.length) writeSync(fd, buf.join("\n") + "\n");
  } finally {
    closeSync(fd);
  }
}

export interface DifficultPanel {
  indiv: Int32Array;
  firm: Int32Array;
  year: Int32Array;
  x1: Float64Array;
  x2: Float64Array;
  y: Float64Array;
}

/**
 * fixest's "difficult" benchmark design (lrberge/fixest, _BENCHMARK/src/
 * 10_data_generation.R, adapted there from FixedEffectModels.jl): n rows,
 * n/20 individuals, round(n/160) firms, round(n^0.3) years drawn at random;
 * the firm is the individual's block (⌊indiv/8⌋ − 10, at least 1) plus a
 * draw from 0..20, capped at the last firm — so the individual–firm graph is
 * a long chain of overlapping blocks, poorly connected, and alternating
 * projections converge slowly. x1 = 5cos(i) + 5sin(f) + 5sin(t) + U(0,1),
 * x2 = cos(i) + sin(f) + sin(t) + N(0,1), y = 3x1 + 5x2 + cos(i) + cos(f)² + sin(t) + N(0,1).
 * Drawn with seedrandom("fe-difficult"), not R's generator, so the values
 * differ from fixest's files; the structure is the same.
 */
export function makeDifficult(n: number): DifficultPanel {
  const rng = seedrandom("fe-difficult");
  const gauss = (): number => {
    const u = 1 - rng(),
      v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const nbIndiv = Math.floor(n / 20),
    nbFirm = Math.round(n / 160),
    nbYear = Math.round(n ** 0.3);
  const indiv = new Int32Array(n),
    firm = new Int32Array(n),
    year = new Int32Array(n);
  const x1 = new Float64Array(n),
    x2 = new Float64Array(n),
    y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const i = 1 + Math.floor(rng() * nbIndiv);
    const f = Math.min(Math.floor(rng() * 21) + Math.max(1, Math.floor(i / 8) - 10), nbFirm);
    const t = 1 + Math.floor(rng() * nbYear);
    indiv[r] = i;
    firm[r] = f;
    year[r] = t;
    x1[r] = 5 * Math.cos(i) + 5 * Math.sin(f) + 5 * Math.sin(t) + rng();
    x2[r] = Math.cos(i) + Math.sin(f) + Math.sin(t) + gauss();
    y[r] = 3 * x1[r] + 5 * x2[r] + Math.cos(i) + Math.cos(f) ** 2 + Math.sin(t) + gauss();
  }
  return { indiv, firm, year, x1, x2, y };
}
