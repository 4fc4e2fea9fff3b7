import { test } from "node:test";
import assert from "node:assert/strict";
import {
  matchesKeywords,
  matchedKeywords,
  makeEventFilter,
  policyR,
  policyScores,
  allyFips,
  type ScorableEvent,
} from "../../lib/measures/policyScore";
import { GDELT_SAMPLES, loadGdeltEvents } from "../../lib/sources/gdelt";
import { countries } from "../../lib/countries";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

test("substring rule: 'ai' hits chinadaily, detail, airlines; the token rule does not", () => {
  for (const url of [
    "http://europe.chinadaily.com.cn/a/201801/05/WS5a4e.html",
    "http://www.nationmultimedia.com/detail/breakingnews/30344843",
    "https://www.reuters.com/article/us-malaysia-airlines-mh370/u-s-firm",
  ]) {
    assert.equal(matchesKeywords(url, "substring"), true, url);
    assert.equal(matchesKeywords(url, "token"), false, url);
    assert.deepEqual(matchedKeywords(url, "substring"), ["ai"]);
    assert.deepEqual(matchedKeywords(url, "token"), []);
  }
});

test("token rule: whole tokens for ai and 5g, substrings for the long keywords", () => {
  assert.deepEqual(matchedKeywords("https://x.com/news/AI-chips_and_5G", "token"), ["5g", "ai"]);
  assert.deepEqual(matchedKeywords("https://x.com/a5g7/said", "token"), []);
  assert.deepEqual(matchedKeywords("https://x.com/a5g7/said", "substring"), ["5g", "ai"]);
  assert.deepEqual(matchedKeywords("https://x.com/Huawei-s-SEMICONDUCTORS-fintech", "token"), [
    "tech",
    "semiconduct",
    "huawei",
  ]);
  assert.deepEqual(matchedKeywords("https://x.com/artificial-intelligence", "token"), [
    "artificial-intelligence",
  ]);
  assert.equal(matchesKeywords("https://x.com/ai", "token"), true);
  assert.equal(matchesKeywords("ai", "token"), true);
  assert.equal(matchesKeywords("https://x.com/story", "none"), true);
  assert.equal(matchesKeywords("", "substring"), false);
});

test("Eq. 1 by hand", () => {
  // mean I = 1, mean M = 3: (1 + 0.1) * log2(4) = 2.2
  close(policyR(1, 3), 2.2);
  // mean I = -0.1 gives exactly 0 whatever the mentions
  close(policyR(-0.1, 40), 0);
  // mean M = 0: log2(1) = 0
  close(policyR(7, 0), 0);
});

test("aggregation per ally-year follows the filter", () => {
  const ev = (
    a1: string,
    a2: string,
    year: number,
    g: number,
    m: number,
    url: string,
  ): ScorableEvent => ({
    Actor1Geo_CountryCode: a1,
    Actor2Geo_CountryCode: a2,
    year,
    GoldsteinScale: g,
    NumMentions: m,
    SOURCEURL: url,
  });
  const events = [
    ev("UK", "CH", 2018, 4, 1, "http://a/tech"),
    ev("UK", "CH", 2018, -2, 5, "http://a/huawei"),
    ev("UK", "CH", 2019, 1, 7, "http://a/5g"),
    ev("UK", "CH", 2018, 9, 9, "http://a/sports"), // no keyword
    ev("CH", "UK", 2018, 9, 9, "http://a/tech"), // wrong direction
    ev("US", "CH", 2018, 9, 9, "http://a/tech"), // not an ally
    ev("JA", "CH", 2018, 3, 1, "http://a/detail"), // only a substring hit
  ];
  const sub = policyScores(events, { rule: "substring" }).rows;
  // GBR 2018: mean I = 1, mean M = 3 -> 2.2 ; GBR 2019: (1.1) * log2(8) = 3.3 ; JPN 2018: 3.1 * log2(2) = 3.1
  assert.deepEqual(
    sub.map((r) => [r.iso3, r.year, r.n_events, r.mean_goldstein, r.mean_mentions]),
    [
      ["GBR", 2018, 2, 1, 3],
      ["GBR", 2019, 1, 1, 7],
      ["JPN", 2018, 1, 3, 1],
    ],
  );
  close(sub[0].policy, 2.2);
  close(sub[1].policy, 3.3);
  close(sub[2].policy, 3.1);
  const tok = policyScores(events, { rule: "token" });
  assert.deepEqual(
    tok.rows.map((r) => `${r.iso3}${r.year}`),
    ["GBR2018", "GBR2019"],
  );
  assert.deepEqual(tok.table.columnNames(), [
    "iso3",
    "year",
    "n_events",
    "mean_goldstein",
    "mean_mentions",
    "policy",
  ]);
  const all = makeEventFilter({ allDyads: true });
  assert.deepEqual(
    events.map((e) => all.keep(e)),
    [true, true, true, true, true, false, true],
  );
});

test("the 26 allies map to their FIPS codes (Germany GM, Japan JA, Korea KS)", () => {
  const f = allyFips();
  assert.equal(f.size, 26);
  assert.equal(f.get("GM"), "DEU");
  assert.equal(f.get("JA"), "JPN");
  assert.equal(f.get("KS"), "KOR");
  assert.equal(f.has("CH"), false);
  assert.equal(f.has("US"), false);
});

test("real samples: 32 ally->CH events, 8 substring keyword hits, 0 token hits (gdelt/SOURCE.md)", () => {
  const events = GDELT_SAMPLES.flatMap((f) => loadGdeltEvents(f).events);
  const n = (rule: "none" | "substring" | "token") =>
    policyScores(events, { rule }).rows.reduce((s, r) => s + r.n_events, 0);
  assert.equal(n("none"), 32);
  assert.equal(n("substring"), 8);
  assert.equal(n("token"), 0);
  // JPN 2018 under the substring rule: six events from one nationmultimedia.com/detail/ URL,
  // Goldstein 0, 1, 3.5, 1, 1, 3.5 (mean 10/6), mentions 8, 10, 10, 5, 10, 10 (mean 53/6)
  const jpn = policyScores(events, { rule: "substring" }).rows.find((r) => r.iso3 === "JPN")!;
  assert.equal(jpn.n_events, 6);
  close(jpn.mean_goldstein, 10 / 6);
  close(jpn.mean_mentions, 53 / 6);
  close(jpn.policy, (10 / 6 + 0.1) * Math.log2(53 / 6 + 1));
});

test("a registry passed in is used as given: no read of the data root", () => {
  const registry = countries();
  assert.deepEqual(allyFips({ registry, dataDir: "/nonexistent-data-root" }), allyFips());
  assert.throws(
    () => allyFips({ dataDir: "/nonexistent-data-root" }),
    /nonexistent-data-root|ENOENT|not found/i,
  );
  const f = makeEventFilter({ rule: "none", registry, dataDir: "/nonexistent-data-root" });
  assert.equal(
    f.allyOf({ Actor1Geo_CountryCode: "JA", Actor2Geo_CountryCode: "CH", SOURCEURL: "" }),
    "JPN",
  );
});
