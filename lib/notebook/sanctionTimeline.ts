/**
 * Milestones of the US technology campaign against China, 2018-2021, for the
 * timeline chart of notebook 01.
 *
 * Every entry is a dated fact reported in the seed texts of this project
 * (../shared/seeds), summarised here in our own words, with the seed file and
 * line it comes from so a reader can check it:
 *
 * - `000_50e0bb6a4319ec43.txt`: Li & Gu (2022), the paper replicated;
 * - `001_c7c078eeda29347c.txt`: a Chinese survey of the US "technology
 *   alliance" build-up (5G Clean Path / Clean Network, AI, quantum,
 *   semiconductors, export controls).
 *
 * Dates keep the precision the seed gives ("day", "month" or "year"); a
 * year-only date is drawn on 1 January and its label says so. The dates are
 * as the seeds report them; where a seed's date differs from other accounts we
 * keep the seed's and do not correct it silently (e.g. seed 001 dates the
 * amended foreign direct product rule to February 2020; the Federal Register
 * notice it cites is of May 2020).
 */
import type { TimelineEvent } from "../viz/charts";

export interface Milestone {
  date: string;
  precision: "day" | "month" | "year";
  lane: "5G and networks" | "export controls" | "AI and emerging tech" | "strategy and law";
  label: string;
  detail: string;
  seed: string;
  line: number;
}

const S000 = "000_50e0bb6a4319ec43.txt";
const S001 = "001_c7c078eeda29347c.txt";

export const MILESTONES: readonly Milestone[] = [
  { date: "2018", precision: "year", lane: "AI and emerging tech", label: "DoD AI strategy (2018)", detail: "The Pentagon's 2018 defense strategy and AI strategy call AI key to staying ahead of China and Russia, together with allies.", seed: S001, line: 5 },
  { date: "2019-05", precision: "month", lane: "5G and networks", label: "Prague Proposals", detail: "The US and 32 countries adopt the Prague Proposals on 5G security and supply-chain rules.", seed: S001, line: 29 },
  { date: "2019-11", precision: "month", lane: "strategy and law", label: "Blue Dot Network", detail: "The US, Japan and Australia launch the Blue Dot Network, a rating scheme for infrastructure projects in the Indo-Pacific.", seed: S001, line: 17 },
  { date: "2019-12", precision: "month", lane: "export controls", label: "Wassenaar meeting", detail: "Wassenaar Arrangement export-control officials agree in Vienna to widen the list of controlled items.", seed: S001, line: 9 },
  { date: "2020-02-18", precision: "day", lane: "export controls", label: "FDP rule vs Huawei", detail: "The Commerce Department moves to amend the foreign direct product rule so that chip plants using US technology need a licence to supply Huawei (date as given in the seed).", seed: S001, line: 9 },
  { date: "2020-02-23", precision: "day", lane: "export controls", label: "Wassenaar list widened", detail: "Wassenaar members announce wider controls, adding semiconductor substrate technology and cyber-offence software.", seed: S001, line: 9 },
  { date: "2020-03", precision: "month", lane: "5G and networks", label: "5G security strategy", detail: "President Trump signs the National Strategy to Secure 5G.", seed: S001, line: 29 },
  { date: "2020-04-29", precision: "day", lane: "5G and networks", label: "5G Clean Path", detail: "Secretary of State Pompeo announces the 5G Clean Path.", seed: S001, line: 3 },
  { date: "2020-08-05", precision: "day", lane: "5G and networks", label: "Clean Network", detail: "The Clean Network program extends the Clean Path to carriers, apps, app stores, cloud services and undersea cables.", seed: S001, line: 3 },
  { date: "2020-09", precision: "month", lane: "5G and networks", label: "2nd Prague 5G conference", detail: "A second Prague 5G security conference builds on the 2019 proposals.", seed: S001, line: 29 },
  { date: "2020-10-13", precision: "day", lane: "AI and emerging tech", label: "Next G Alliance", detail: "The US industry body ATIS launches the Next G Alliance for 6G.", seed: S001, line: 3 },
  { date: "2020-11", precision: "month", lane: "AI and emerging tech", label: "JAIC AI partnership", detail: "The Pentagon's Joint AI Center convenes defence staff of allies (Australia, Canada, Japan, the UK, South Korea, Israel and others) on AI cooperation.", seed: S001, line: 5 },
  { date: "2020-12-02", precision: "day", lane: "AI and emerging tech", label: "EU-US agenda", detail: "The European Commission proposes a new EU-US agenda, with a trade and technology council and a transatlantic AI agreement.", seed: S001, line: 5 },
  { date: "2021-02", precision: "month", lane: "strategy and law", label: "Biden at the Pentagon", detail: "President Biden tells Defense Department staff the US must meet the risks of emerging technology and the challenge from China.", seed: S000, line: 23 },
  { date: "2021-03", precision: "month", lane: "strategy and law", label: "Interim NSS guidance", detail: "The Interim National Security Strategic Guidance asks for allies and partners to be rallied in the technology competition.", seed: S000, line: 25 },
  { date: "2021-04", precision: "month", lane: "strategy and law", label: "Strategic Competition Act", detail: "The Senate introduces the Strategic Competition Act of 2021 on supply chains and technology.", seed: S000, line: 23 },
];

/** The milestones as timeline events (year-only dates say so in the label). */
export function milestoneEvents(ms: readonly Milestone[] = MILESTONES): TimelineEvent[] {
  return ms.map((m) => ({ date: m.date, label: m.label, lane: m.lane, detail: `${m.detail} [seed ${m.seed}, line ${m.line}]` }));
}
