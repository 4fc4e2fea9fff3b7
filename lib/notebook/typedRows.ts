/**
 * Typed rows of a loaded table, checked value by value: what a notebook
 * needs instead of `table.objects() as { iso3: string; year: number }[]`
 * (a cast that the compiler cannot check and that hides a missing column).
 *
 *   const dy = typedRows(dyads, { iso3: "string", year: "number", s: "number?" }, "vote dyads");
 *   // dy: { iso3: string; year: number; s: number | null }[]
 *
 * Kinds: "string", "number" (a finite number is required), "number?" (a
 * number, or missing: null, undefined or NaN, returned as null). Columns not
 * in the schema are left out. A missing column or a value of the wrong kind
 * throws an error naming the table, the 1-based row and the column.
 *
 * Written here rather than taken from a schema library (zod, io-ts) because
 * the check is a dozen lines on top of lib/notebook/frames.ts `columnsOf`, which
 * already reads every table shape lib hands out.
 */
import { columnsOf, type FrameInput } from "./frames";

export type ColumnKind = "string" | "number" | "number?";
export type RowOf<S extends Record<string, ColumnKind>> = {
  [K in keyof S]: S[K] extends "string" ? string : S[K] extends "number" ? number : number | null;
};

/** The rows of `data` typed by `schema` (module doc); `what` names the table in errors. */
export function typedRows<S extends Record<string, ColumnKind>>(
  data: FrameInput,
  schema: S,
  what = "table",
): RowOf<S>[] {
  const keys = Object.keys(schema);
  // only the schema's columns are converted (all of them for an empty schema, to count the rows)
  const { names, columns } = columnsOf(data, keys.length ? keys : undefined);
  for (const k of keys) {
    if (!names.includes(k))
      throw new Error(`typedRows: ${what} has no column "${k}" (have: ${names.join(", ")})`);
  }
  const first = keys.length ? keys[0] : names[0];
  const n = names.length ? columns[first].length : 0;
  const out: RowOf<S>[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, string | number | null> = {};
    for (const k of keys) {
      const v = columns[k][i],
        kind = schema[k];
      const bad = (): Error =>
        new Error(
          `typedRows: ${what} row ${i + 1} column "${k}" is ${typeof v === "number" ? String(v) : JSON.stringify(v)}, expected ${kind}`,
        );
      if (kind === "string") {
        if (typeof v !== "string") throw bad();
        row[k] = v;
      } else if (v === null) {
        if (kind === "number") throw bad();
        row[k] = null;
      } else {
        if (typeof v !== "number" || !Number.isFinite(v)) throw bad();
        row[k] = v;
      }
    }
    // every key of the schema was set above, each value checked against its kind
    out.push(row as RowOf<S>);
  }
  return out;
}
