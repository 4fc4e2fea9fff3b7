/**
 * Descriptive statistics of the economic and institutional regressors
 * (allies x years) next to the published Table 1 of Li & Gu (2022).
 *
 *   npm run table1:options [-- --years 2016-2019]      (default: study.ts REGRESSOR_YEARS)
 *
 * Prints mean / sd (n − 1) / min / max for asym, gdp, exchange, ID_us, ID_ch,
 * ED_us, ED_ch, GD_us and the DOTS trade proxies, under each documented option
 * (WGI standardization, EFI edition mapping), and the ID/ED label-swap check.
 * Nothing here is fitted to the published figures; it only reports. The
 * choices documented in lib/measures/institutionDistance.ts,
 * economicDistance.ts and geoDistance.ts cite this output.
 */
import { loadWdi, type WdiRow } from "../lib/sources/wdi";
import { loadWgi, type WgiRow } from "../lib/sources/wgi";
import { loadEfi, type EfiRow } from "../lib/sources/efi";
import { loadGeoDist, type DistRow } from "../lib/sources/geodist";
import { loadOil, type OilRow } from "../lib/sources/oil";
import { loadDots, type DotsRow } from "../lib/sources/dots";
import { powerPanel } from "../lib/measures/power";
import { exchangePanel } from "../lib/measures/exchange";
import {
  institutionDistancePanel,
  type WgiStandardization,
} from "../lib/measures/institutionDistance";
import { economicDistancePanel } from "../lib/measures/economicDistance";
import { geoDistancePanel } from "../lib/measures/geoDistance";
import { tradePanel } from "../lib/measures/trade";
import { TABLE1 } from "../lib/replication/published";
import { REGRESSOR_YEARS } from "../lib/study";

const arg = process.argv.indexOf("--years");
const [y0, y1] = (
  arg > 0
    ? process.argv[arg + 1]
    : `${REGRESSOR_YEARS[0]}-${REGRESSOR_YEARS[REGRESSOR_YEARS.length - 1]}`
)
  .split("-")
  .map(Number);
if (!Number.isInteger(y0) || !Number.isInteger(y1) || y1 < y0)
  throw new Error(`--years must be FIRST-LAST, e.g. 2016-2019 (got "${process.argv[arg + 1]}")`);
const years = Array.from({ length: y1 - y0 + 1 }, (_, k) => y0 + k);

function stats(xs: number[]) {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  return { n, mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
}
const f = (x: number) => x.toFixed(3).padStart(8);
const lines: string[] = [];
function row(label: string, xs: number[], pub?: string) {
  const s = stats(xs);
  const p = pub ? TABLE1[pub] : undefined;
  lines.push(
    `| ${label.padEnd(34)} | ${s.n} | ${f(s.mean)} | ${f(s.sd)} | ${f(s.min)} | ${f(s.max)} | ` +
      (p ? `${f(p.mean)} | ${f(p.sd)} | ${f(p.min)} | ${f(p.max)} |` : "| | | |"),
  );
}
const objs = <T extends object>(t: { objects(): object[] }) => t.objects() as T[];

const gdp = objs<WdiRow>(loadWdi({ indicator: "gdp" }).table);
const gdppc = objs<WdiRow>(loadWdi({ indicator: "gdppc" }).table);
const fx = objs<WdiRow>(loadWdi({ indicator: "exchange" }).table);
const wgi = objs<WgiRow>(loadWgi().table);
const dist = objs<DistRow>(loadGeoDist().table);
const wti = objs<OilRow>(loadOil().table);
const dots = objs<DotsRow>(loadDots({ years }).table);

const pw = powerPanel(gdp, gdppc, { years });
row(
  "asym",
  pw.map((r) => r.asym),
  "asym",
);
row(
  "gdp",
  pw.map((r) => r.gdp),
  "gdp",
);
row(
  "exchange",
  exchangePanel(fx, { years }).map((r) => r.exchange),
  "exchange",
);
for (const st of ["sd-by-year", "pooled-sd", "raw"] as WgiStandardization[]) {
  const us = institutionDistancePanel(wgi, { partner: "USA", standardize: st, years }).map(
    (r) => r.value,
  );
  const ch = institutionDistancePanel(wgi, { partner: "CHN", standardize: st, years }).map(
    (r) => r.value,
  );
  row(`ID_us (${st})`, us, "ID_us");
  row(`ID_ch (${st})`, ch, "ID_ch");
  row(`  swapped: ID_ch label <- US dist (${st})`, us, "ID_ch");
  row(`  swapped: ID_us label <- CN dist (${st})`, ch, "ID_us");
}
for (const mapping of ["edition", "data-year"] as const) {
  const efi = objs<EfiRow>(loadEfi({ mapping, years }).table);
  const us = economicDistancePanel(efi, { partner: "USA", years }).map((r) => r.value);
  const ch = economicDistancePanel(efi, { partner: "CHN", years }).map((r) => r.value);
  row(`ED_us (${mapping})`, us, "ED_us");
  row(`ED_ch (${mapping})`, ch, "ED_ch");
  row(`  swapped: ED_ch label <- US dist (${mapping})`, us, "ED_ch");
  row(`  swapped: ED_us label <- CN dist (${mapping})`, ch, "ED_us");
}
row(
  "GD_us (dist, WTI)",
  geoDistancePanel(dist, wti, { years }).map((r) => r.value),
  "GD_us",
);
for (const measure of ["distcap", "distw", "distwces"] as const) {
  row(
    `GD_us (${measure}, WTI)`,
    geoDistancePanel(dist, wti, { years, measure }).map((r) => r.value),
    "GD_us",
  );
}
const tr = tradePanel(dots, gdp, { years });
row(
  "ICTtrade proxy (DOTS total, ln US$ mn)",
  tr.map((r) => r.ICTtrade),
  "ICTtrade",
);
row(
  "ICTtrade_gdp proxy (ln US$ mn / US$)",
  tr.map((r) => r.ICTtrade_gdp),
  "ICTtrade_gdp",
);
row(
  "ICTtrade_us proxy (ln CN / US)",
  tr.map((r) => r.ICTtrade_us),
  "ICTtrade_us",
);

console.log(
  `Allies x years ${y0}-${y1}; ours: n, mean, sd, min, max | published Table 1: mean, sd, min, max`,
);
console.log(
  "| variable | n | mean | sd | min | max | pub mean | pub sd | pub min | pub max |\n|---|---|---|---|---|---|---|---|---|---|",
);
console.log(lines.join("\n"));
