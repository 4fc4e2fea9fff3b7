/**
 * `npm run adversarial:table`: run the adversarial cases
 * (test/adversarial/cases.ts) and write their table to docs/adversarial.md
 * (atomically); prints the totals.
 */
import { join } from "node:path";
import { REPO_ROOT } from "../lib/io/dataRoot";
import { writeFileAtomic } from "../lib/io/csvWrite";
import { runScript } from "../lib/io/runScript";
import { adversarialTable, runAll } from "../test/adversarial/table";

void runScript(async () => {
  const outcomes = await runAll();
  writeFileAtomic(join(REPO_ROOT, "docs", "adversarial.md"), adversarialTable(outcomes));
  const off = outcomes.filter((o) => o.verdict !== o.expected).length;
  console.log(
    `wrote docs/adversarial.md: ${outcomes.length} cases, ${off} not answered as expected`,
  );
  process.exitCode = off ? 1 : 0;
});
