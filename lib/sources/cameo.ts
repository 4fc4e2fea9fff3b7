/**
 * GDELT column lists and the CAMEO lookup tables (raw folder `cameo/`).
 *
 * - GDELT 1.0 event columns: `GDELT_1.0_event_Column_Labels_Header_Row_Sep2016.tsv`,
 *   one name per line after a `tableId` line: the 57 fields GLOBALEVENTID ..
 *   DATEADDED, then SOURCEURL (58 fields in the daily files since April 2013).
 * - GDELT 2.0 event columns: `GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv`
 *   (name, type, mode, description): 61 fields; 2.0 adds an ADM2 code to each
 *   of the three geographies.
 * - CAMEO event codes and the Goldstein (1992) conflict-cooperation weights,
 *   -10 (most conflictual) .. +10 (most cooperative), one per event code.
 *
 * The parser in `lib/sources/gdelt.ts` keeps its schemas as constants so that
 * the hot loop needs no file; the tests check those constants against these
 * files. Leetaru & Schrodt (2013); Schrodt (2012), CAMEO codebook;
 * Goldstein (1992), JCR 36(2).
 */
import * as aq from "arquero";
import { readCsv, numReq, str } from "../io/csv";
import { readRaw } from "../io/manifest";
import { DataError } from "../io/dataError";
import { newReport, assertUniqueKeys, type LoadReport } from "../io/loadReport";
import type { DataRootOptions } from "../io/dataRoot";

const V1_FILE = "cameo/GDELT_1.0_event_Column_Labels_Header_Row_Sep2016.tsv";
const V2_FILE = "cameo/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv";
const CODES_FILE = "cameo/CAMEO.eventcodes.txt";
const GOLDSTEIN_FILE = "cameo/CAMEO.goldsteinscale.txt";

/** Column names of a GDELT event file version, in file order (1.0: 58 incl. SOURCEURL; 2.0: 61). */
export function gdeltColumnNames(version: "1.0" | "2.0", opts: DataRootOptions = {}): string[] {
  if (version === "1.0") {
    const lines = readRaw(V1_FILE, opts)
      .bytes.toString("utf8")
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (lines[0] !== "tableId")
      throw new DataError(V1_FILE, `expected "tableId" on line 1, found "${lines[0]}"`, { row: 1 });
    return lines.slice(1);
  }
  const t = readCsv(V2_FILE, { ...opts, required: ["tableId"] });
  return t.rows.map((_, i) => str(t, i, "tableId"));
}

/**
 * CAMEO event codes with their description and Goldstein weight, one row per
 * code. Columns: `code` (string, leading zeros kept, e.g. "010"),
 * `description` (string), `goldstein` (number, -10..10).
 * A code present in one file but not the other is an error.
 */
export function loadCameo(opts: DataRootOptions = {}): {
  table: aq.ColumnTable;
  report: LoadReport;
} {
  const codes = readCsv(CODES_FILE, {
    ...opts,
    delimiter: "\t",
    required: ["CAMEOEVENTCODE", "EVENTDESCRIPTION"],
  });
  const gold = readCsv(GOLDSTEIN_FILE, {
    ...opts,
    delimiter: "\t",
    required: ["CAMEOEVENTCODE", "GOLDSTEINSCALE"],
  });
  assertUniqueKeys(
    CODES_FILE,
    codes.rows.length,
    (i) => str(codes, i, "CAMEOEVENTCODE"),
    (i) => codes.line(i),
  );
  assertUniqueKeys(
    GOLDSTEIN_FILE,
    gold.rows.length,
    (i) => str(gold, i, "CAMEOEVENTCODE"),
    (i) => gold.line(i),
  );
  const weight = new Map<string, number>();
  gold.rows.forEach((_, i) =>
    weight.set(str(gold, i, "CAMEOEVENTCODE"), numReq(gold, i, "GOLDSTEINSCALE")),
  );
  const report = newReport([CODES_FILE, GOLDSTEIN_FILE], [codes.sha256, gold.sha256]);
  const code: string[] = [],
    description: string[] = [],
    goldstein: number[] = [];
  codes.rows.forEach((_, i) => {
    report.rowsRead++;
    const c = str(codes, i, "CAMEOEVENTCODE");
    const w = weight.get(c);
    if (w === undefined)
      throw new DataError(GOLDSTEIN_FILE, `no Goldstein weight for CAMEO code ${c}`, {
        column: "CAMEOEVENTCODE",
      });
    code.push(c);
    description.push(str(codes, i, "EVENTDESCRIPTION"));
    goldstein.push(w);
    report.rowsKept++;
  });
  if (weight.size !== code.length) {
    const extra = [...weight.keys()].filter((c) => !code.includes(c));
    throw new DataError(
      CODES_FILE,
      `Goldstein file has codes without a description: ${extra.join(", ")}`,
    );
  }
  return { table: aq.table({ code, description, goldstein }), report };
}
