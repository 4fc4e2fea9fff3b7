/**
 * Every milestone of the timeline is a dated fact of the accounts it was
 * summarised from (Li & Gu 2022 and the Chinese literature on the US
 * "technology alliance", in the read-only background folder beside the
 * repository): some line of them must state the milestone's date (written
 * 2020年4月29日, 2019年5月, 2018年) together with a keyword naming the event.
 * The keywords are chosen by hand for each label, so a wrong date fails.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import {
  MILESTONES,
  formatSource,
  milestoneEvents,
  milestoneTable,
} from "../../lib/notebook/sanctionTimeline";
import { loadBib } from "../../lib/notebook/references";

// The background texts the project was given (read-only, never cited by file).
const BACKGROUND = path.resolve(REPO_ROOT, "..", "shared", "seeds");
const haveBackground = fs.existsSync(BACKGROUND);

const KEYWORD: Record<string, string> = {
  "DoD AI strategy (2018)": "人工智能战略",
  "Prague Proposals": "布拉格提案",
  "Blue Dot Network": "蓝点网络",
  "Wassenaar meeting": "奥地利",
  "FDP rule vs Huawei": "直接产品规则",
  "Wassenaar list widened": "瓦森纳",
  "5G security strategy": "保护5G安全国家战略",
  "5G Clean Path": "5G清洁路径",
  "Clean Network": "清洁网络",
  "2nd Prague 5G conference": "布拉格第二次",
  "Next G Alliance": "Next G Alliance",
  "JAIC AI partnership": "JAIC",
  "EU-US agenda": "欧盟—美国议程",
  "Biden at the Pentagon": "国防部",
  "Interim NSS guidance": "国家安全战略指南",
  "Strategic Competition Act": "战略竞争法案",
};

/**
 * Milestones whose date the accounts get wrong: what the accounts say, and the
 * date of the primary source the timeline cites instead. The foreign direct
 * product rule against Huawei was published in the Federal Register on
 * 19 May 2020 (announced 15 May); the accounts date it 18 February 2020, when
 * such a rule was only reported to be under consideration.
 */
const CORRECTED: Partial<Record<string, { accounts: string; primary: string }>> = {
  "FDP rule vs Huawei": { accounts: "2020年2月18日", primary: "2020-05-19" },
};

/** The date as the accounts write it, and a looser form for a month the text gives after its year ("2021年2月 ... 4月"). */
function chineseDate(date: string): { exact: string; parts: string[] } {
  const [y, m, d] = date.split("-");
  const mm = m ? `${Number(m)}月` : "";
  const dd = d ? `${Number(d)}日` : "";
  return { exact: `${y}年${mm}${dd}`, parts: [y, mm, dd].filter(Boolean) };
}

test("dates: 2018-2021, precision matches the format, sorted; lanes from the allowed set", () => {
  assert.equal(MILESTONES.length, 16);
  const lanes = new Set([
    "5G and networks",
    "export controls",
    "AI and emerging tech",
    "strategy and law",
  ]);
  for (const m of MILESTONES) {
    const re = {
      year: /^\d{4}$/,
      month: /^\d{4}-(0[1-9]|1[0-2])$/,
      day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
    }[m.precision];
    assert.match(m.date, re, m.label);
    const y = Number(m.date.slice(0, 4));
    assert.ok(y >= 2018 && y <= 2021, m.label);
    assert.ok(lanes.has(m.lane), m.lane);
  }
  const dates = MILESTONES.map((m) => m.date);
  assert.deepEqual(dates, [...dates].sort());
  assert.equal(new Set(MILESTONES.map((m) => m.label)).size, MILESTONES.length);
});

test(
  "each milestone's date and keyword stand together on a line of the accounts",
  { skip: haveBackground ? false : `no background texts at ${BACKGROUND}` },
  () => {
    const lines = fs
      .readdirSync(BACKGROUND)
      .sort()
      .flatMap((f) => fs.readFileSync(path.join(BACKGROUND, f), "utf8").split(/\r?\n/));
    const loose: string[] = [];
    for (const m of MILESTONES) {
      const kw = KEYWORD[m.label];
      assert.ok(kw, `no keyword for ${m.label}`);
      const corrected = CORRECTED[m.label];
      if (corrected) {
        // The accounts give another date; the timeline follows the primary source it cites.
        assert.ok(
          lines.some((t) => t.includes(kw) && t.includes(corrected.accounts)),
          `${m.label}: accounts' date`,
        );
        assert.equal(m.date, corrected.primary);
        assert.equal(m.source.date, corrected.primary);
        assert.match(m.source.url ?? "", /^https:\/\//);
        continue;
      }
      const { exact, parts } = chineseDate(m.date);
      const withKw = lines.filter((t) => t.includes(kw));
      const exactHit = withKw.some((t) => t.includes(exact));
      assert.ok(
        exactHit || withKw.some((t) => parts.every((p) => t.includes(p))),
        `${m.label}: no line has "${kw}" and "${exact}"`,
      );
      if (!exactHit) loose.push(m.label);
    }
    // all but one date appear verbatim; the Strategic Competition Act line says "4月" after "2021年2月"
    assert.deepEqual(loose, ["Strategic Competition Act"]);
  },
);

test("milestoneEvents keeps date, label and lane and appends the publication (never a file name)", () => {
  const ev = milestoneEvents();
  assert.equal(ev.length, MILESTONES.length);
  const act = ev.find((e) => e.label === "Strategic Competition Act")!;
  assert.deepEqual(act, {
    date: "2021-04",
    label: "Strategic Competition Act",
    lane: "strategy and law",
    detail:
      "The Senate introduces the Strategic Competition Act of 2021 on supply chains and technology. Source: U.S. Congress (117th), Senate, “S. 1169 — Strategic Competition Act of 2021”, 2021-04, https://www.congress.gov/117/bills/s1169/BILLS-117s1169rs.pdf.",
  });
  for (const e of ev) assert.ok(!/seed|\.txt/.test(String(e.detail)), e.label);
  for (const r of milestoneTable()) assert.ok(!/seed|\.txt/.test(r.source), r.event);
  for (const m of MILESTONES)
    assert.deepEqual(
      Object.keys(m).filter(
        (k) =>
          !["date", "precision", "lane", "label", "detail", "source", "reportedIn"].includes(k),
      ),
      [],
      m.label,
    );
  assert.deepEqual(milestoneEvents([]), []);
});

test("every milestone names issuer, title and a date no later than a year after the milestone; URLs are https; reportedIn keys exist", () => {
  const bib = loadBib();
  for (const m of MILESTONES) {
    assert.ok(m.source.issuer && m.source.title, m.label);
    assert.match(m.source.date, /^\d{4}(-\d{2}(-\d{2})?)?$/, m.label);
    assert.ok(Number(m.source.date.slice(0, 4)) - Number(m.date.slice(0, 4)) <= 1, m.label);
    if (m.source.url) assert.match(m.source.url, /^https:\/\//, m.label);
    if (m.reportedIn) assert.ok(bib.has(m.reportedIn), m.reportedIn);
  }
  // the footnoted ones carry the URL the paper gives
  assert.equal(
    MILESTONES.find((m) => m.label === "Interim NSS guidance")!.source.url,
    "https://www.whitehouse.gov/wp-content/uploads/2021/03/NSC-1v2.pdf",
  );
  assert.equal(formatSource({ issuer: "I", title: "T", date: "2020" }), "I, “T”, 2020.");
});

test("milestoneTable names the publication that reports a milestone (Li & Gu 2022 for the 2020-2021 strategy entries)", () => {
  const rows = milestoneTable();
  const nss = rows.find((r) => r.event === "Interim NSS guidance");
  assert.ok(nss);
  assert.match(nss["reported in"], /Li.*2022/);
  assert.equal(
    rows.filter((r) => r["reported in"] !== "").length,
    MILESTONES.filter((m) => m.reportedIn).length,
  );
  assert.equal(rows.find((r) => r.event === "Prague Proposals")?.["reported in"], "");
});

test("a day-dated milestone whose source is a dated rule carries the rule's date (the FDP rule: Federal Register, 2020-05-19)", () => {
  const fdp = MILESTONES.find((m) => m.label === "FDP rule vs Huawei");
  assert.ok(fdp);
  assert.equal(fdp.date, "2020-05-19");
  assert.equal(fdp.date, fdp.source.date);
});
