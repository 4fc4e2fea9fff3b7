/**
 * Typed readers for the JSON documents the tests parse: the output of
 * `alliance fe --json` (lib/cli/fe.ts, printFe) and the CSVW sidecars written
 * beside CSV files (lib/io/csvw.ts). Each gives the parsed value the shape its
 * writer produces; a document of another shape fails the assertions that read it.
 */
import { readFileSync } from "node:fs";
import type { CoefRow } from "../../lib/estimate/feols";
import type { CsvwTable } from "../../lib/io/csvw";

/** The fields of `alliance fe --json` that the tests read (NaN and ±Infinity arrive as null). */
export interface FeJson {
  nobs: number;
  rows_in: number;
  groups: Record<string, number>;
  coefficients: CoefRow[];
  r2_within: number | null;
  f_test: { stat: number | null; df1: number; df2: number; p_value: number | null };
  dropped: Record<string, number>;
  notes: string[];
}

/** Parse the text printed by `alliance fe --json`. */
export function parseFeJson(text: string): FeJson {
  return JSON.parse(text) as FeJson;
}

/** Read a CSVW sidecar (`FILE.csv-metadata.json`). */
export function readSidecar(file: string): CsvwTable {
  return JSON.parse(readFileSync(file, "utf8")) as CsvwTable;
}
