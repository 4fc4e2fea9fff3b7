/**
 * Eq. 1 of Li & Gu (2022): an ally's policy stance toward China, per ally-year,
 * from GDELT events with a technology keyword in the source URL.
 *
 *   R_it = ( (1/N) Σ_n I_n + 0.1 ) · log2( (1/N) Σ_n M_n + 1 )
 *
 * over the N events of year t with Actor1Geo_CountryCode = ally i (FIPS 10-4)
 * and Actor2Geo_CountryCode = CH, where I_n is the event's GoldsteinScale
 * (-10..10) and M_n its NumMentions. Higher R = more cooperative toward China;
 * the 0.1 keeps an all-neutral year (mean I = 0) from scoring exactly zero.
 *
 * The keyword list is the paper's: tech, 5G, AI, artificial-intelligence,
 * semiconduct, huawei. The paper does not say how they are matched, so the
 * rule is a choice ({@link KeywordRule}):
 *
 * - "substring": each keyword as a literal, case-insensitive substring of the
 *   URL. Short keywords then hit unrelated words: "ai" is inside
 *   "chinadaily", "detail", "airlines", "mail", "said", "taiwan", "ukraine";
 *   "5g" inside hashes such as "a5g7"; "tech" inside "biotech" (arguably wanted)
 *   and "techniques". All 8 keyword hits in the real samples are of this kind.
 * - "token": the URL is lowercased and cut into tokens at every character
 *   that is not a-z or 0-9; the short keywords "ai" and "5g" must equal a whole
 *   token ("/ai-chips", "5g_rollout" match; "detail", "airlines" do not);
 *   the long keywords still match as substrings ("semiconductors",
 *   "huawei's", "fintech"). Every token match is also a substring match.
 * - "none": no keyword filter (every ally→China event), for comparison.
 *
 * This module holds the single implementation of the event filter: the fetch
 * pipeline (lib/gdelt/streamFilter.ts), the aggregation (lib/gdelt/aggregate.ts)
 * and the BigQuery SQL (lib/gdelt/bigquery.ts, built from the constants here)
 * all follow it.
 * Li Mingyue & Gu Yuanyuan (2022), Contemporary Asia-Pacific Studies, Eq. 1.
 */
import * as aq from "arquero";
import { ALLIES, countries, type CountryRegistry } from "../countries";
import type { DataRootOptions } from "../io/dataRoot";
import { defined } from "../lookup";

/** The paper's keywords, lowercased. */
export const TECH_KEYWORDS = [
  "tech",
  "5g",
  "ai",
  "artificial-intelligence",
  "semiconduct",
  "huawei",
] as const;
/** Keywords the "token" rule matches as whole tokens (the rest stay substrings). */
export const TOKEN_KEYWORDS: readonly string[] = ["ai", "5g"];
/** Keywords matched as substrings under the "token" rule. */
export const SUBSTRING_KEYWORDS: readonly string[] = TECH_KEYWORDS.filter(
  (k) => !TOKEN_KEYWORDS.includes(k),
);
export type KeywordRule = "substring" | "token" | "none";
export const KEYWORD_RULES: readonly KeywordRule[] = ["substring", "token", "none"];
/** Characters that separate tokens under the "token" rule: anything but ASCII a-z, 0-9. */
export const TOKEN_SEPARATOR = /[^a-z0-9]+/;
/** China's FIPS 10-4 code. */
export const CHINA_FIPS = "CH";

/** The keywords of the paper's list that a URL contains under a rule (in list order). */
export function matchedKeywords(url: string, rule: KeywordRule): string[] {
  if (rule === "none") return [];
  const u = url.toLowerCase();
  if (rule === "substring") return TECH_KEYWORDS.filter((k) => u.includes(k));
  const tokens = new Set(u.split(TOKEN_SEPARATOR));
  return TECH_KEYWORDS.filter((k) => (TOKEN_KEYWORDS.includes(k) ? tokens.has(k) : u.includes(k)));
}

/** Does the URL pass the keyword rule? ("none" passes everything.) */
export function matchesKeywords(url: string, rule: KeywordRule): boolean {
  if (rule === "none") return true;
  const u = url.toLowerCase();
  if (rule === "substring") {
    for (const k of TECH_KEYWORDS) if (u.includes(k)) return true;
    return false;
  }
  for (const k of SUBSTRING_KEYWORDS) if (u.includes(k)) return true;
  // whole tokens: cheap pre-check before splitting
  if (!u.includes("ai") && !u.includes("5g")) return false;
  for (const t of u.split(TOKEN_SEPARATOR)) if (TOKEN_KEYWORDS.includes(t)) return true;
  return false;
}

/**
 * FIPS 10-4 code -> ISO3 for the 26 allies, from the country registry: the
 * one given (resolved once by the caller), else read from the data root.
 */
export function allyFips(
  opts: DataRootOptions & { registry?: CountryRegistry } = {},
): Map<string, string> {
  const reg = opts.registry ?? countries({ dataDir: opts.dataDir });
  return new Map(ALLIES.map((iso3) => [reg.get(iso3).fips, iso3] as [string, string]));
}

/** The fields of an event the filter looks at. */
export interface FilterableEvent {
  Actor1Geo_CountryCode: string;
  Actor2Geo_CountryCode: string;
  SOURCEURL: string;
}

export interface EventFilterOptions extends DataRootOptions {
  /** The country registry, resolved once by the caller (else read from the data root, `dataDir`). */
  registry?: CountryRegistry;
  /** Keyword rule on SOURCEURL; default "substring" (the paper's list, literally). */
  rule?: KeywordRule;
  /** Keep every ally↔China event, both directions, with no keyword rule (for other uses). */
  allDyads?: boolean;
}

export interface EventFilter {
  rule: KeywordRule;
  allDyads: boolean;
  /** Ally FIPS -> ISO3. */
  fips: ReadonlyMap<string, string>;
  /** The Eq. 1 selection: ally -> CH and keyword rule (or the wider all-dyads selection). */
  keep(e: FilterableEvent): boolean;
  /** ISO3 of the ally an Eq. 1 event belongs to (Actor1's), or undefined if it is not ally -> CH. */
  allyOf(e: FilterableEvent): string | undefined;
}

/** Build the event filter (see module doc). */
export function makeEventFilter(opts: EventFilterOptions = {}): EventFilter {
  const rule = opts.rule ?? "substring";
  const allDyads = opts.allDyads ?? false;
  const fips = allyFips(opts);
  const allyOf = (e: FilterableEvent) =>
    e.Actor2Geo_CountryCode === CHINA_FIPS ? fips.get(e.Actor1Geo_CountryCode) : undefined;
  const keep = allDyads
    ? (e: FilterableEvent) =>
        (e.Actor2Geo_CountryCode === CHINA_FIPS && fips.has(e.Actor1Geo_CountryCode)) ||
        (e.Actor1Geo_CountryCode === CHINA_FIPS && fips.has(e.Actor2Geo_CountryCode))
    : (e: FilterableEvent) => allyOf(e) !== undefined && matchesKeywords(e.SOURCEURL, rule);
  return { rule, allDyads, fips, keep, allyOf };
}

/** Eq. 1 from the two means: (mean I + 0.1) · log2(mean M + 1). */
export function policyR(meanGoldstein: number, meanMentions: number): number {
  return (meanGoldstein + 0.1) * Math.log2(meanMentions + 1);
}

/** Running sums of one ally-year, so partial results (files, shards) add up exactly. */
export interface PolicyCell {
  iso3: string;
  year: number;
  n_events: number;
  sum_goldstein: number;
  sum_mentions: number;
}

/** One row of the output: `policy_gdelt.csv`. */
export interface PolicyRow {
  iso3: string;
  year: number;
  /** Number of events N. */
  n_events: number;
  /** Mean GoldsteinScale, -10..10. */
  mean_goldstein: number;
  /** Mean NumMentions (mentions per event). */
  mean_mentions: number;
  /** R of Eq. 1. */
  policy: number;
}

/** Accumulates events into ally-year cells. */
export class PolicyAccumulator {
  private readonly cells = new Map<string, PolicyCell>();
  add(iso3: string, year: number, goldstein: number, mentions: number): void {
    const k = `${iso3}:${year}`;
    let c = this.cells.get(k);
    if (!c) this.cells.set(k, (c = { iso3, year, n_events: 0, sum_goldstein: 0, sum_mentions: 0 }));
    c.n_events++;
    c.sum_goldstein += goldstein;
    c.sum_mentions += mentions;
  }
  /** Cells sorted by ally order of the paper, then year. */
  rows(): PolicyRow[] {
    const order = (iso3: string) => (ALLIES as readonly string[]).indexOf(iso3);
    return [...this.cells.values()]
      .sort((a, b) => order(a.iso3) - order(b.iso3) || a.year - b.year)
      .map((c) => {
        const g = c.sum_goldstein / c.n_events,
          m = c.sum_mentions / c.n_events;
        return {
          iso3: c.iso3,
          year: c.year,
          n_events: c.n_events,
          mean_goldstein: g,
          mean_mentions: m,
          policy: policyR(g, m),
        };
      });
  }
}

/** The event fields Eq. 1 uses. */
export interface ScorableEvent extends FilterableEvent {
  year: number;
  GoldsteinScale: number;
  NumMentions: number;
}

/**
 * Eq. 1 per ally-year for the events that pass the filter (ally -> CH and the
 * keyword rule). Returns rows and the same as an arquero table with columns
 * iso3, year, n_events, mean_goldstein, mean_mentions, policy.
 * Ally-years without a matching event are absent (R is undefined for N = 0).
 */
export function policyScores(
  events: Iterable<ScorableEvent>,
  opts: EventFilterOptions = {},
): { rows: PolicyRow[]; table: aq.ColumnTable } {
  const f = makeEventFilter({ ...opts, allDyads: false });
  const acc = new PolicyAccumulator();
  for (const e of events) {
    if (!f.keep(e)) continue;
    acc.add(defined(f.allyOf(e), "ally of a kept event"), e.year, e.GoldsteinScale, e.NumMentions);
  }
  const rows = acc.rows();
  return { rows, table: policyTable(rows) };
}

export const POLICY_COLUMNS = [
  "iso3",
  "year",
  "n_events",
  "mean_goldstein",
  "mean_mentions",
  "policy",
] as const;

export function policyTable(rows: readonly PolicyRow[]): aq.ColumnTable {
  const cols: Record<string, unknown[]> = {};
  for (const c of POLICY_COLUMNS) cols[c] = rows.map((r) => r[c]);
  return aq.table(cols);
}

/** A filter setting as recorded by a fetch run. */
export interface Selection {
  rule: KeywordRule;
  allDyads: boolean;
}

/**
 * True when every event selected by `wanted` is also selected by `have`, so
 * events fetched with `have` can be re-filtered to `wanted` without a new
 * download. Order of the rules: all-dyads ⊇ "none" ⊇ "substring" ⊇ "token".
 */
export function selectionCovers(have: Selection, wanted: Selection): boolean {
  const rank = (s: Selection) =>
    s.allDyads ? 3 : s.rule === "none" ? 2 : s.rule === "substring" ? 1 : 0;
  return rank(have) >= rank(wanted);
}
