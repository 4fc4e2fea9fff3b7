/**
 * `npm run deps:check`: the installed version of each package with a
 * published advisory in this project's tree, against the first version that
 * fixes it. Offline: versions come from the installed packages
 * (node_modules/<path>/package.json, every copy the lock file lists), falling
 * back to package-lock.json for a copy that is not installed; the advisories
 * and their first fixed versions are written below (GitHub Advisory Database
 * IDs, https://github.com/advisories).
 *
 * Where they come from: danfojs-node@1.2.0 depends on request@2.88.2, which
 * has no fixed release (deprecated in 2020) and pins old tough-cookie,
 * form-data and qs. danfo calls request only to read a file from a URL, which
 * the project never does, so package.json installs a stand-in under its name
 * (shims/request-refused: every call throws, nothing is sent); with it the
 * three old packages leave the tree. Such a copy is reported "replaced". `xlsx` is SheetJS; npm's own `xlsx` stops at
 * 0.18.5 (SheetJS publishes later releases only on its own site, and a
 * republication by a third party would add a publisher nobody can check from
 * here), so the project keeps the official 0.18.5 and makes both advisories
 * unreachable instead: only the deposit's own `.xls` files, after their
 * SHA-256 matched data/sources.json, ever reach the parser
 * (lib/io/spreadsheet.ts, test/io/spreadsheet.test.ts). Such a copy is
 * reported "mitigated", with the mitigation named.
 *
 * Exit code 0 when every installed copy is at or above its first fixed
 * version or carries a documented mitigation (a package without any fixed
 * version is reported, not failed), 1 otherwise.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../lib/io/dataRoot";
import { runScript } from "../lib/io/runScript";

export interface Advisory {
  /** GitHub Advisory Database ID. */
  id: string;
  what: string;
  /** Version ranges by major version: the first fixed version of that line; null: no fixed version exists. */
  fixed: Record<string, string | null> | null;
}

export interface Watched {
  name: string;
  advisories: Advisory[];
  /** Why a copy below the first fixed version cannot be exploited here, with the test that shows it. */
  mitigation?: string;
  /** The project's stand-in installed under this name (its package name), which contains none of the code. */
  replacedBy?: string;
}

/** The packages watched and their advisories (see the module comment). */
export const WATCHED: readonly Watched[] = [
  {
    name: "tough-cookie",
    advisories: [
      {
        id: "GHSA-72xf-g2v4-qvf3",
        what: "prototype pollution (CVE-2023-26136)",
        fixed: { "*": "4.1.3" },
      },
    ],
  },
  {
    name: "form-data",
    advisories: [
      {
        id: "GHSA-fjxv-7rqg-78g4",
        what: "unsafe random boundary (CVE-2025-7783)",
        fixed: { "2": "2.5.4", "3": "3.0.4", "4": "4.0.4" },
      },
      {
        id: "GHSA-hmw2-7cc7-3qxx",
        what: "CRLF injection in field names (4.x line)",
        fixed: { "4": "4.0.6" },
      },
    ],
  },
  {
    name: "qs",
    advisories: [
      {
        id: "GHSA-6rw7-vpxm-498p",
        what: "arrayLimit bypass, memory exhaustion",
        fixed: { "*": "6.14.1" },
      },
    ],
  },
  {
    name: "request",
    replacedBy: "request-refused",
    advisories: [
      {
        id: "GHSA-p8p7-x288-28g6",
        what: "SSRF through cross-protocol redirects (CVE-2023-28155); deprecated",
        fixed: null,
      },
    ],
  },
  {
    name: "xlsx",
    mitigation:
      "only SHA-256-verified deposit files reach the parser (lib/io/spreadsheet.ts; test/io/spreadsheet.test.ts)",
    advisories: [
      {
        id: "GHSA-4r6h-8v6p-xvw6",
        what: "prototype pollution when reading a crafted file (CVE-2023-30533)",
        fixed: { "*": "0.19.3" },
      },
      {
        id: "GHSA-5pgg-2g8v-p4x9",
        what: "ReDoS when reading a crafted file (CVE-2024-22363)",
        fixed: { "*": "0.20.2" },
      },
    ],
  },
];

/** -1, 0, 1 comparing dotted numeric versions (a pre-release tag sorts before its release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string): [number[], string] => {
    const [core, pre = ""] = v.split(/-(.*)/s);
    return [core.split(".").map((x) => Number(x)), pre];
  };
  const [ca, pa] = parse(a);
  const [cb, pb] = parse(b);
  for (let i = 0; i < Math.max(ca.length, cb.length); i++) {
    const d = (ca[i] ?? 0) - (cb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (pa === pb) return 0;
  if (pa === "") return 1;
  if (pb === "") return -1;
  return pa < pb ? -1 : 1;
}

/** The first fixed version for `version` under an advisory: its major line's, or "*"; null if none applies or exists. */
export function firstFixed(adv: Advisory, version: string): string | null | undefined {
  if (adv.fixed === null) return null;
  const major = version.split(".")[0];
  // undefined: the advisory does not cover this major line
  return adv.fixed[major] ?? adv.fixed["*"];
}

export interface InstalledCopy {
  /** Lock-file path, e.g. node_modules/request/node_modules/qs. */
  where: string;
  version: string;
  /** The npm package actually installed under this name when it is an alias (`"x": "npm:other@1.0.0"`). */
  realName?: string;
}

/** Every copy of `name` in the lock file, with the version installed on disk when it is. */
export function installedCopies(root: string, name: string): InstalledCopy[] {
  const lockFile = path.join(root, "package-lock.json");
  if (!fs.existsSync(lockFile))
    throw Object.assign(new Error(`${lockFile}: no lock file (run npm install)`), {
      code: "ENOENT",
    });
  const lock = JSON.parse(fs.readFileSync(lockFile, "utf8")) as {
    packages?: Record<string, { version?: string; name?: string }>;
  };
  const out: InstalledCopy[] = [];
  for (const [where, entry] of Object.entries(lock.packages ?? {})) {
    if (!(where === `node_modules/${name}` || where.endsWith(`/node_modules/${name}`))) continue;
    const pj = path.join(root, where, "package.json");
    const installed = fs.existsSync(pj)
      ? (JSON.parse(fs.readFileSync(pj, "utf8")) as { version?: string; name?: string })
      : undefined;
    const version = installed?.version ?? entry.version;
    if (!version) continue;
    const realName = installed?.name ?? entry.name;
    out.push({ where, version, ...(realName && realName !== name ? { realName } : {}) });
  }
  return out;
}

export interface CheckLine {
  name: string;
  copy: InstalledCopy;
  advisory: Advisory;
  fixed: string | null;
  status: "fixed" | "VULNERABLE" | "mitigated" | "replaced" | "no fix exists";
}

/** One line per installed copy and advisory that covers it. */
export function checkDeps(root: string, watched: readonly Watched[] = WATCHED): CheckLine[] {
  const lines: CheckLine[] = [];
  for (const w of watched) {
    for (const copy of installedCopies(root, w.name)) {
      for (const advisory of w.advisories) {
        const fixed = firstFixed(advisory, copy.version);
        if (fixed === undefined) continue;
        const below = fixed !== null && compareVersions(copy.version, fixed) < 0;
        const replaced = w.replacedBy !== undefined && copy.realName === w.replacedBy;
        const status = replaced
          ? "replaced"
          : fixed === null
            ? "no fix exists"
            : !below
              ? "fixed"
              : w.mitigation
                ? "mitigated"
                : "VULNERABLE";
        lines.push({ name: w.name, copy, advisory, fixed, status });
      }
    }
  }
  return lines;
}

function watched(name: string): Watched | undefined {
  return WATCHED.find((w) => w.name === name);
}

/** The report as aligned text. */
export function formatCheck(lines: readonly CheckLine[]): string {
  const rows = [
    ["package", "installed", "first fixed", "status", "advisory", "where"],
    ...lines.map((l) => [
      l.copy.realName ? `${l.name} (${l.copy.realName})` : l.name,
      l.copy.version,
      l.fixed ?? "none",
      l.status,
      `${l.advisory.id} ${l.advisory.what}` +
        (l.status === "mitigated" ? `; mitigated: ${watched(l.name)?.mitigation ?? ""}` : "") +
        (l.status === "replaced"
          ? `; replaced by the stand-in shims/${l.copy.realName ?? ""} (no HTTP code)`
          : ""),
      l.copy.where,
    ]),
  ];
  const w = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return (
    rows
      .map((r) => r.map((c, j) => (j === r.length - 1 ? c : c.padEnd(w[j]))).join("  "))
      .join("\n") + "\n"
  );
}

if (require.main === module) {
  void runScript(() => {
    const lines = checkDeps(REPO_ROOT);
    process.stdout.write(formatCheck(lines));
    const bad = lines.filter((l) => l.status === "VULNERABLE");
    const none = lines.filter((l) => l.status === "no fix exists");
    const mitigated = lines.filter((l) => l.status === "mitigated");
    const replaced = lines.filter((l) => l.status === "replaced");
    const fixedCount = lines.length - bad.length - none.length - mitigated.length - replaced.length;
    process.stdout.write(
      `${fixedCount} fixed, ${mitigated.length} below the first fixed version with a tested mitigation, ` +
        `${replaced.length} replaced by a stand-in, ` +
        `${bad.length} below it without one, ${none.length} without any fixed version\n`,
    );
    if (bad.length) process.exitCode = 1;
  });
}
