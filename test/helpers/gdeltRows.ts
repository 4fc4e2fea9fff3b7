/**
 * Hand-written GDELT rows for tests (not copied from the raw deposit):
 * every field empty except the ones given, laid out for one of the schemas.
 */
import { V1_DAILY_COLUMNS, V2_COLUMNS, V2_DESC_COLUMNS } from "../../lib/sources/gdelt";

export interface RowSpec {
  id: number;
  date?: number;
  a1?: string;
  a2?: string;
  code?: string;
  g?: number;
  m?: number;
  url?: string;
}

export function fieldsOf(spec: RowSpec, columns: readonly string[]): string[] {
  const date = spec.date ?? 20180105;
  const v: Record<string, string> = {
    GLOBALEVENTID: String(spec.id),
    SQLDATE: String(date),
    MonthYear: String(Math.floor(date / 100)),
    Year: String(Math.floor(date / 10000)),
    FractionDate: "2018.0137",
    IsRootEvent: "1",
    EventCode: spec.code ?? "042",
    EventBaseCode: "042",
    EventRootCode: "04",
    QuadClass: "1",
    GoldsteinScale: String(spec.g ?? 1.9),
    NumMentions: String(spec.m ?? 2),
    NumSources: "1",
    NumArticles: String(spec.m ?? 2),
    AvgTone: "-1.5",
    Actor1Geo_CountryCode: spec.a1 ?? "",
    Actor2Geo_CountryCode: spec.a2 ?? "",
    DATEADDED: "20180105",
    SOURCEURL: spec.url ?? "http://example.org/a",
  };
  return columns.map((c) => v[c] ?? "");
}

/** A GDELT 1.0 daily line (58 tab-separated fields, no newline). */
export function v1Line(spec: RowSpec): string {
  return fieldsOf(spec, V1_DAILY_COLUMNS).join("\t");
}
/** A GDELT 2.0 line (61 fields). */
export function v2Line(spec: RowSpec): string {
  return fieldsOf(spec, V2_COLUMNS).join("\t");
}
/** A 62-column comma-separated line, every field quoted. */
export function descCsvLine(spec: RowSpec): string {
  return fieldsOf(spec, V2_DESC_COLUMNS)
    .map((f) => `"${f}"`)
    .join(",");
}
