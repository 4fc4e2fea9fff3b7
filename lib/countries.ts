/**
 * The study's country registry: the 26 US allies of Li & Gu (2022) plus the
 * United States and China, with every code the sources use.
 *
 * Codes come from the `countrycode` code list (Arel-Bundock, Enevoldsen &
 * Yetman 2018, JOSS 3(28): 848) in the raw deposit, read with missing-value
 * detection off so that Namibia's ISO2 "NA" stays a code. Names are matched
 * with countrycode's own English regular expressions, so variants such as
 * "Korea, South", "Korea, Rep. of", "Czech Rep." or "Türkiye, Rep of" resolve
 * without a hand-kept synonym list. An unknown name or code is an error,
 * never a silent miss.
 */
import { readCsv, type CsvOptions } from "./io/csv";
import { DataError } from "./io/dataError";
import { mustGet } from "./lookup";

/** The 26 allies in the paper's order: Five Eyes, NATO, Asia-Pacific. */
export const ALLIES = [
  "GBR",
  "CAN",
  "AUS",
  "NZL",
  "FRA",
  "DEU",
  "ITA",
  "GRC",
  "NLD",
  "BEL",
  "LUX",
  "ESP",
  "PRT",
  "HUN",
  "DNK",
  "NOR",
  "ISL",
  "CZE",
  "POL",
  "TUR",
  "EST",
  "ROU",
  "JPN",
  "KOR",
  "PHL",
  "THA",
] as const;

/** Allies plus the two great powers. */
export const STUDY_COUNTRIES = [...ALLIES, "USA", "CHN"] as const;

export type AllianceGroup = "Five Eyes" | "NATO" | "Asia-Pacific" | "leader" | "adversary";

export interface Country {
  iso3: string;
  iso2: string;
  /** Correlates of War numeric code. */
  cow: number;
  /** FIPS 10-4, as used by GDELT (China = CH, Germany = GM). */
  fips: string;
  /** countrycode's English short name. */
  name: string;
  group: AllianceGroup;
  /** countrycode's English-name regex (case-insensitive). */
  regex: RegExp;
}

const CODELIST = "crosswalk/countrycode_codelist_without_cldr.csv";

function groupOf(iso3: string): AllianceGroup {
  if (iso3 === "USA") return "leader";
  if (iso3 === "CHN") return "adversary";
  const i = (ALLIES as readonly string[]).indexOf(iso3);
  return i < 4 ? "Five Eyes" : i < 22 ? "NATO" : "Asia-Pacific";
}

export class CountryRegistry {
  readonly all: readonly Country[];
  /** Regexes of every entity of the code list, to detect ambiguous names. */
  private readonly world: { iso3: string; name: string; regex: RegExp }[];
  private readonly by = {
    iso3: new Map<string, Country>(),
    iso2: new Map<string, Country>(),
    fips: new Map<string, Country>(),
    cow: new Map<number, Country>(),
  };

  constructor(all: Country[], world: { iso3: string; name: string; regex: RegExp }[]) {
    this.all = all;
    this.world = world;
    for (const c of all) {
      this.by.iso3.set(c.iso3, c);
      this.by.iso2.set(c.iso2, c);
      this.by.fips.set(c.fips, c);
      this.by.cow.set(c.cow, c);
    }
  }

  /** The registry entry of a study country by ISO3; throws if not a study country. */
  get(iso3: string): Country {
    const c = this.by.iso3.get(iso3);
    if (!c)
      throw new Error(`unknown country code "${iso3}": not one of the study's 28 countries (ISO3)`);
    return c;
  }
  has(iso3: string): boolean {
    return this.by.iso3.has(iso3);
  }
  /** Look up by a code of the given scheme; throws on an unknown code. */
  byCode(scheme: "iso3" | "iso2" | "fips", code: string): Country {
    const c = this.by[scheme].get(code.trim().toUpperCase());
    if (!c) throw new Error(`unknown ${scheme.toUpperCase()} code "${code}" (not a study country)`);
    return c;
  }
  byCow(cow: number): Country {
    const c = this.by.cow.get(cow);
    if (!c) throw new Error(`unknown COW code ${cow} (not a study country)`);
    return c;
  }
  /** Like byCode but returns undefined for codes of non-study countries. */
  tryCode(scheme: "iso3" | "iso2" | "fips", code: string): Country | undefined {
    return this.by[scheme].get(code.trim().toUpperCase());
  }
  tryCow(cow: number): Country | undefined {
    return this.by.cow.get(cow);
  }

  /**
   * The ISO3 code of any country name known to countrycode (e.g. "Korea, Rep. of"
   * -> "KOR"), or throws when no entity or more than one matches.
   */
  iso3OfName(name: string): string {
    const n = name.trim();
    const hits = this.world.filter((w) => w.regex.test(n));
    if (hits.length === 0)
      throw new Error(`unknown country name "${name}": no countrycode regex matches it`);
    const iso = new Set(hits.map((h) => h.iso3));
    if (iso.size > 1)
      throw new Error(
        `ambiguous country name "${name}": matches ${hits.map((h) => h.name).join(", ")}`,
      );
    return hits[0].iso3;
  }
  /** The study country of a name; throws for unknown names and non-study countries. */
  byName(name: string): Country {
    const iso3 = this.iso3OfName(name);
    const c = this.by.iso3.get(iso3);
    if (!c)
      throw new Error(`country name "${name}" (${iso3}) is not one of the study's 28 countries`);
    return c;
  }
  /** The study country of a name, or undefined for other (known) countries; unknown names still throw. */
  tryName(name: string): Country | undefined {
    return this.by.iso3.get(this.iso3OfName(name));
  }
}

let cached: CountryRegistry | undefined;

/** Build (once) the registry from the crosswalk in the data root. */
export function countries(opts: CsvOptions = {}): CountryRegistry {
  if (cached && !opts.dataDir) return cached;
  const t = readCsv(CODELIST, {
    ...opts,
    required: ["iso3c", "iso2c", "cown", "fips", "country.name.en", "country.name.en.regex"],
  });
  const iIso3 = t.col("iso3c"),
    iIso2 = t.col("iso2c"),
    iCow = t.col("cown"),
    iFips = t.col("fips");
  const iName = t.col("country.name.en"),
    iRe = t.col("country.name.en.regex");
  const world: { iso3: string; name: string; regex: RegExp }[] = [];
  const found = new Map<string, Country>();
  t.rows.forEach((r, i) => {
    if (r[iRe] === "") return;
    const regex = new RegExp(r[iRe], "i");
    world.push({ iso3: r[iIso3] || r[iName], name: r[iName], regex });
    if (!(STUDY_COUNTRIES as readonly string[]).includes(r[iIso3])) return;
    const cow = Number(r[iCow]);
    if (!Number.isInteger(cow) || !r[iIso2] || !r[iFips]) {
      throw new DataError(CODELIST, `study country ${r[iIso3]} lacks a COW, ISO2 or FIPS code`, {
        row: t.line(i),
      });
    }
    found.set(r[iIso3], {
      iso3: r[iIso3],
      iso2: r[iIso2],
      cow,
      fips: r[iFips],
      name: r[iName],
      group: groupOf(r[iIso3]),
      regex,
    });
  });
  const missing = STUDY_COUNTRIES.filter((c) => !found.has(c));
  if (missing.length)
    throw new DataError(
      CODELIST,
      `study countries absent from the code list: ${missing.join(", ")}`,
    );
  const reg = new CountryRegistry(
    STUDY_COUNTRIES.map((c) => mustGet(found, c, "study country")),
    world,
  );
  if (!opts.dataDir) cached = reg;
  return reg;
}
