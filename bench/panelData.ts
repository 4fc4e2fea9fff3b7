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
    const u = 1 - rng(), v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const unit = new Int32Array(n), time = new Int32Array(n);
  const a = Float64Array.from({ length: N }, gauss), g = Float64Array.from({ length: T }, gauss);
  const X: Float64Array[] = Array.from({ length: K }, () => new Float64Array(n));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = Math.floor(i / T), t = i % T;
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
