/**
 * `npm run build:data [-- --data-dir DIR] [--out FILE]`: rebuild data/panel.csv
 * from the raw sources. The output is deterministic: running it twice on the
 * same deposit gives byte-identical files (a test checks this against the
 * committed panel). Beside it goes FILE.csv-metadata.json, the CSV on the Web
 * sidecar with the column types and the build's notes (lib/io/csvw.ts). Each
 * file is written atomically (temporary file + rename, lib/io/csvWrite.ts),
 * so a failed build leaves the previous panel intact.
 * An expected failure (a missing or changed raw file, bad data) is one line
 * on stderr, exit code 1 (lib/io/runScript.ts).
 */
import * as path from "node:path";
import { REPO_ROOT, resolveDataRoot } from "../lib/io/dataRoot";
import { checkOutPath, optionValue } from "../lib/cli/args";
import { writeFileAtomic } from "../lib/io/csvWrite";
import { csvMetadataText, metadataPath } from "../lib/io/csvw";
import { runScript } from "../lib/io/runScript";
import { buildPanel, formatPanelLog, panelCsv, panelMetadata } from "../lib/panel/build";

void runScript(() => {
  const argv = process.argv.slice(2);
  const dataDir = optionValue(argv, "--data-dir", "a folder");
  const outArg = optionValue(argv, "--out", "a file");
  if (outArg !== undefined) checkOutPath(outArg);
  const out =
    outArg !== undefined ? path.resolve(outArg) : path.join(REPO_ROOT, "data", "panel.csv");
  const t0 = Date.now();
  const root = resolveDataRoot({ dataDir });
  console.log(`data root: ${root.dir} (via ${root.via})`);
  const res = buildPanel({ dataDir });
  console.log(formatPanelLog(res));
  writeFileAtomic(out, panelCsv(res.rows));
  writeFileAtomic(
    metadataPath(out),
    csvMetadataText(panelMetadata(res.rows, res.notes, path.basename(out))),
  );
  console.log(
    `wrote ${path.relative(process.cwd(), out) || out}: ${res.rows.length} ally-years x ${Object.keys(res.rows[0]).length} columns in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
});
