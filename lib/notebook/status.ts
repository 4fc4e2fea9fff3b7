/**
 * The data availability and replication status table of notebook 00.
 *
 * For each raw source: what it measures, which module reads it, whether it
 * reproduces offline, and two things checked on this machine when the table is
 * built: how many of its files (data/sources.json) are present with the
 * right SHA-256 in the data root, and whether the reading module exists yet in
 * lib/. The paper's own outcome (GDELT 1.0 daily files) and technology
 * measure (UNCTAD ICT-goods trade) are not in the deposit and are listed as
 * such.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../io/dataRoot";
import { manifest, verifyFile } from "../io/manifest";

export interface SourceStatus {
  source: string;
  measures: string;
  module: string;
  offline: string;
  /** "k/n" files present with the manifest's SHA-256, or "not in deposit". */
  filesOk: string;
  /** Whether `module` exists in this checkout. */
  moduleReady: boolean;
}

interface Entry {
  source: string;
  measures: string;
  module: string;
  offline: string;
}

const ENTRIES: Entry[] = [
  {
    source: "unvotes",
    measures: "UNGA roll calls: S score (Eq. 2), agreement, kappa/pi",
    module: "lib/sources/unvotes.ts",
    offline: "yes",
  },
  {
    source: "ideal_points",
    measures: "ideal-point distance to the US (ideal)",
    module: "lib/sources/idealPoints.ts",
    offline: "yes",
  },
  {
    source: "us_vote_coincidence",
    measures: "State Department coincidence (outside check)",
    module: "lib/sources/voteCoincidence.ts",
    offline: "yes",
  },
  {
    source: "wdi",
    measures: "asym, gdp, exchange, trade/GDP",
    module: "lib/sources/wdi.ts",
    offline: "yes",
  },
  { source: "wgi", measures: "ID_us, ID_ch", module: "lib/sources/wgi.ts", offline: "yes" },
  { source: "efi", measures: "ED_us, ED_ch", module: "lib/sources/efi.ts", offline: "yes" },
  {
    source: "geodist",
    measures: "GD_us (distance)",
    module: "lib/sources/geodist.ts",
    offline: "yes",
  },
  { source: "oil", measures: "GD_us (oil price)", module: "lib/sources/oil.ts", offline: "yes" },
  {
    source: "imf_dots",
    measures: "trade with China and the US (substitute for ICT trade)",
    module: "lib/sources/dots.ts",
    offline: "yes, as a substitute",
  },
  {
    source: "huawei_5g",
    measures: "Huawei/ZTE 5G stance (alternative outcome)",
    module: "lib/sources/huawei5g.ts",
    offline: "yes",
  },
  {
    source: "gdelt",
    measures: "GDELT event slices (Eq. 1 on real rows)",
    module: "lib/sources/gdelt.ts",
    offline: "yes, a few thousand rows only",
  },
  {
    source: "cameo",
    measures: "GDELT schemas, CAMEO codes, Goldstein scale",
    module: "lib/sources/cameo.ts",
    offline: "yes",
  },
  {
    source: "crosswalk",
    measures: "country codes (ISO, FIPS, COW)",
    module: "lib/countries.ts",
    offline: "yes",
  },
];

const MISSING: Entry[] = [
  {
    source: "GDELT 1.0 daily files 2016-2020",
    measures: "Policy, the paper's outcome (Eq. 1)",
    module: "lib/cli/gdelt.ts (alliance gdelt fetch / bigquery)",
    offline: "no: download or BigQuery",
  },
  {
    source: "UNCTAD ICT-goods trade",
    measures: "ICTtrade, ICTtrade_gdp, ICTtrade_us (H3)",
    module: "not in the deposit",
    offline: "no: replaced offline by IMF DOTS",
  },
];

/** The status rows, checked now against the data root and the checkout. */
export function dataStatus(root: string = REPO_ROOT): SourceStatus[] {
  const files = manifest().files;
  const rows = ENTRIES.map((e) => {
    const mine = files.filter((f) => f.source === e.source);
    const ok = mine.filter((f) => verifyFile(f.path).status === "ok").length;
    return {
      ...e,
      filesOk: `${ok}/${mine.length}`,
      moduleReady: fs.existsSync(path.join(root, e.module)),
    };
  });
  const missing = MISSING.map((e) => ({
    ...e,
    filesOk: "not in deposit",
    moduleReady: fs.existsSync(path.join(root, e.module.split(" ")[0])),
  }));
  return [...rows, ...missing];
}

export interface StageStatus {
  stage: string;
  artefact: string;
  ready: boolean;
}

/** Which stages of the replication exist in this checkout (files the notebooks build on). */
export function replicationStatus(root: string = REPO_ROOT): StageStatus[] {
  const has = (p: string): boolean => fs.existsSync(path.join(root, p));
  return [
    { stage: "analysis panel", artefact: "data/panel.csv", ready: has("data/panel.csv") },
    {
      stage: "panel builder",
      artefact: "scripts/buildPanel.ts",
      ready: has("scripts/buildPanel.ts"),
    },
    { stage: "estimation engine", artefact: "lib/estimate/", ready: has("lib/estimate") },
    {
      stage: "replication tables",
      artefact: "lib/replication/tables.ts",
      ready: has("lib/replication/tables.ts"),
    },
    { stage: "model specifications", artefact: "lib/study.ts", ready: has("lib/study.ts") },
    {
      stage: "published numbers",
      artefact: "lib/replication/published.ts",
      ready: has("lib/replication/published.ts"),
    },
  ];
}
