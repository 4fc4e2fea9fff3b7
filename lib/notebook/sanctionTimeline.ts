/**
 * Milestones of the US technology campaign against China, 2018-2021, for the
 * timeline chart of notebook 01, summarised in our own words.
 *
 * Each entry carries `source`: the publication behind the milestone (issuer,
 * title, date, URL), as the footnotes of Li & Gu (2022) and of the Chinese
 * literature on the US "technology alliance" give it, or the official
 * document they describe; `reportedIn` names the bibliography key
 * (references.bib) of a publication that reports the milestone. Notebooks show
 * `source`, never anything else.
 *
 * Dates keep the precision of the account ("day", "month" or "year"); a
 * year-only date is drawn on 1 January and its label says so. Where the
 * account's date differs from the official document we keep the account's and
 * say so rather than correct it silently: the amended foreign direct product
 * rule is dated February 2020, the Federal Register notice is of May 2020; the
 * DoD AI strategy "of 2018" was published in summary in February 2019; the
 * JAIC's first allied AI dialogue is dated September 2020 by other accounts,
 * November 2020 here.
 */
import type { TimelineEvent } from "../viz/charts";
import { cite } from "./references";

/** The publication behind a milestone. */
export interface MilestoneSource {
  issuer: string;
  title: string;
  /** Publication date (YYYY, YYYY-MM or YYYY-MM-DD). */
  date: string;
  /** Only where the footnotes give it or the document's address is certain. */
  url?: string;
}

export interface Milestone {
  date: string;
  precision: "day" | "month" | "year";
  lane: "5G and networks" | "export controls" | "AI and emerging tech" | "strategy and law";
  label: string;
  detail: string;
  source: MilestoneSource;
  /** Bibliography key of a publication that reports the milestone. */
  reportedIn?: string;
}

export const MILESTONES: readonly Milestone[] = [
  {
    date: "2018",
    precision: "year",
    lane: "AI and emerging tech",
    label: "DoD AI strategy (2018)",
    detail:
      "The Pentagon's 2018 defense strategy and AI strategy call AI key to staying ahead of China and Russia, together with allies.",
    source: {
      issuer: "U.S. Department of Defense",
      title:
        "Summary of the 2018 Department of Defense Artificial Intelligence Strategy: Harnessing AI to Advance Our Security and Prosperity",
      date: "2019-02-12",
      url: "https://media.defense.gov/2019/Feb/12/2002088963/-1/-1/1/SUMMARY-OF-DOD-AI-STRATEGY.PDF",
    },
  },
  {
    date: "2019-05",
    precision: "month",
    lane: "5G and networks",
    label: "Prague Proposals",
    detail:
      "The US and 32 countries adopt the Prague Proposals on 5G security and supply-chain rules.",
    source: {
      issuer: "Government of the Czech Republic, Prague 5G Security Conference",
      title:
        "The Prague Proposals: Chairman Statement on Cyber Security of Communication Networks in a Globally Digitalized World",
      date: "2019-05-03",
    },
  },
  {
    date: "2019-11",
    precision: "month",
    lane: "strategy and law",
    label: "Blue Dot Network",
    detail:
      "The US, Japan and Australia launch the Blue Dot Network, a rating scheme for infrastructure projects in the Indo-Pacific.",
    source: {
      issuer:
        "U.S. Overseas Private Investment Corporation, Japan Bank for International Cooperation, Australian Department of Foreign Affairs and Trade",
      title: "Blue Dot Network announcement, Indo-Pacific Business Forum, Bangkok",
      date: "2019-11-04",
    },
  },
  {
    date: "2019-12",
    precision: "month",
    lane: "export controls",
    label: "Wassenaar meeting",
    detail:
      "Wassenaar Arrangement export-control officials agree in Vienna to widen the list of controlled items.",
    source: {
      issuer: "The Wassenaar Arrangement",
      title: "Statement Issued by the Plenary Chair on 2019 Plenary Meeting (Vienna)",
      date: "2019-12",
      url: "https://www.wassenaar.org",
    },
  },
  {
    date: "2020-02-23",
    precision: "day",
    lane: "export controls",
    label: "Wassenaar list widened",
    detail:
      "Wassenaar members announce wider controls, adding semiconductor substrate technology and cyber-offence software.",
    source: {
      issuer: "The Japan Times",
      title:
        "Arms-curbing Wassenaar Arrangement agrees to add military-grade software, chip tech to export control list",
      date: "2020-02-24",
      url: "https://www.japantimes.co.jp/news/2020/02/24/business/arms-control-japan-software-exports/",
    },
  },
  {
    date: "2020-03",
    precision: "month",
    lane: "5G and networks",
    label: "5G security strategy",
    detail: "President Trump signs the National Strategy to Secure 5G.",
    source: {
      issuer: "The White House",
      title: "National Strategy to Secure 5G of the United States of America",
      date: "2020-03",
    },
  },
  {
    date: "2020-04-29",
    precision: "day",
    lane: "5G and networks",
    label: "5G Clean Path",
    detail: "Secretary of State Pompeo announces the 5G Clean Path.",
    source: {
      issuer: "U.S. Department of State (Secretary Michael R. Pompeo)",
      title: "Press statement announcing the 5G Clean Path",
      date: "2020-04-29",
      url: "https://2017-2021.state.gov/the-clean-network/",
    },
  },
  {
    date: "2020-05-19",
    precision: "day",
    lane: "export controls",
    label: "FDP rule vs Huawei",
    detail:
      "The Commerce Department amends the foreign direct product rule so that chip plants using US technology need a licence to supply Huawei (announced 15 May, published in the Federal Register on 19 May 2020; reports from February 2020 only said such a rule was being considered).",
    source: {
      issuer: "U.S. Department of Commerce, Bureau of Industry and Security",
      title:
        "Export Administration Regulations: Amendments to General Prohibition Three (Foreign-Produced Direct Product Rule) and the Entity List",
      date: "2020-05-19",
      url: "https://www.federalregister.gov/d/2020-10856",
    },
  },
  {
    date: "2020-08-05",
    precision: "day",
    lane: "5G and networks",
    label: "Clean Network",
    detail:
      "The Clean Network program extends the Clean Path to carriers, apps, app stores, cloud services and undersea cables.",
    source: {
      issuer: "U.S. Department of State (Secretary Michael R. Pompeo)",
      title: "Announcing the Expansion of the Clean Network to Safeguard America's Assets",
      date: "2020-08-05",
      url: "https://2017-2021.state.gov/the-clean-network/",
    },
  },
  {
    date: "2020-09",
    precision: "month",
    lane: "5G and networks",
    label: "2nd Prague 5G conference",
    detail: "A second Prague 5G security conference builds on the 2019 proposals.",
    source: {
      issuer: "Government of the Czech Republic",
      title: "Prague 5G Security Conference 2020",
      date: "2020-09",
    },
  },
  {
    date: "2020-10-13",
    precision: "day",
    lane: "AI and emerging tech",
    label: "Next G Alliance",
    detail: "The US industry body ATIS launches the Next G Alliance for 6G.",
    source: {
      issuer: "Alliance for Telecommunications Industry Solutions (ATIS)",
      title: "ATIS launches the Next G Alliance (press release)",
      date: "2020-10-13",
      url: "https://www.nextgalliance.org",
    },
  },
  {
    date: "2020-11",
    precision: "month",
    lane: "AI and emerging tech",
    label: "JAIC AI partnership",
    detail:
      "The Pentagon's Joint AI Center convenes defence staff of allies (Australia, Canada, Japan, the UK, South Korea, Israel and others) on AI cooperation.",
    source: {
      issuer: "U.S. Department of Defense, Joint Artificial Intelligence Center",
      title: "AI Partnership for Defense (allied dialogue on AI in defence)",
      date: "2020",
    },
  },
  {
    date: "2020-12-02",
    precision: "day",
    lane: "AI and emerging tech",
    label: "EU-US agenda",
    detail:
      "The European Commission proposes a new EU-US agenda, with a trade and technology council and a transatlantic AI agreement.",
    source: {
      issuer: "European Commission",
      title: "EU-US: A new transatlantic agenda for global change (press release IP/20/2279)",
      date: "2020-12-02",
      url: "https://ec.europa.eu/commission/presscorner/detail/en/ip_20_2279",
    },
    reportedIn: "li2022",
  },
  {
    date: "2021-02",
    precision: "month",
    lane: "strategy and law",
    label: "Biden at the Pentagon",
    detail:
      "President Biden tells Defense Department staff the US must meet the risks of emerging technology and the challenge from China.",
    source: {
      issuer: "The White House",
      title: "Remarks by President Biden to Department of Defense Personnel",
      date: "2021-02-10",
      url: "https://www.whitehouse.gov/briefing-room/speeches-remarks/2021/02/10/remarks-by-president-biden-to-department-of-defense-personnel/",
    },
    reportedIn: "li2022",
  },
  {
    date: "2021-03",
    precision: "month",
    lane: "strategy and law",
    label: "Interim NSS guidance",
    detail:
      "The Interim National Security Strategic Guidance asks for allies and partners to be rallied in the technology competition.",
    source: {
      issuer: "The White House",
      title: "Interim National Security Strategic Guidance",
      date: "2021-03-03",
      url: "https://www.whitehouse.gov/wp-content/uploads/2021/03/NSC-1v2.pdf",
    },
    reportedIn: "li2022",
  },
  {
    date: "2021-04",
    precision: "month",
    lane: "strategy and law",
    label: "Strategic Competition Act",
    detail:
      "The Senate introduces the Strategic Competition Act of 2021 on supply chains and technology.",
    source: {
      issuer: "U.S. Congress (117th), Senate",
      title: "S. 1169 — Strategic Competition Act of 2021",
      date: "2021-04",
      url: "https://www.congress.gov/117/bills/s1169/BILLS-117s1169rs.pdf",
    },
    reportedIn: "li2022",
  },
];

/** "Issuer, “Title”, date, URL." */
export function formatSource(s: MilestoneSource): string {
  return `${s.issuer}, “${s.title}”, ${s.date}${s.url ? `, ${s.url}` : ""}.`;
}

/** The milestones as timeline events, each detail ending with its source. */
export function milestoneEvents(ms: readonly Milestone[] = MILESTONES): TimelineEvent[] {
  return ms.map((m) => ({
    date: m.date,
    label: m.label,
    lane: m.lane,
    detail: `${m.detail} Source: ${formatSource(m.source)}`,
  }));
}

/** One row per milestone for a table: date, event, source (no file names). */
export function milestoneTable(
  ms: readonly Milestone[] = MILESTONES,
): { date: string; event: string; source: string; "reported in": string }[] {
  return ms.map((m) => ({
    date: m.date,
    event: m.label,
    source: formatSource(m.source),
    "reported in": m.reportedIn ? cite(m.reportedIn) : "",
  }));
}
