/**
 * The adversarial suite's machinery: a case is a hostile input and what the
 * project must answer; {@link runCase} runs it and classifies the answer.
 *
 *   correct       the run succeeded and its check on the result holds
 *   clear error   it failed with one line that matches the expected message
 *                 (which names the file, line/row or column, or the option,
 *                 and the fix)
 *   unclear       it failed, but not with the expected one-line message
 *   stack trace   it failed with an error that is not an expected one (a bug)
 *   silent wrong  it succeeded although an error was expected, or its result
 *                 failed the check
 *
 * The suite (test/adversarial/adversarial.test.ts) requires every case to be
 * classified as it expects (correct or clear error); docs/adversarial.md is
 * generated from the same cases (`npm run adversarial:table`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProgram } from "../../lib/cli/main";
import { isExpectedError } from "../../lib/io/runScript";

export type Area =
  "CLI" | "CSV reader" | "typed CSV reader" | "Parquet" | "data layer" | "GDELT" | "library";
export type Verdict = "correct" | "clear error" | "unclear" | "stack trace" | "silent wrong";

export interface Case {
  area: Area;
  /** The hostile input, as a user would describe it. */
  input: string;
  /** Run it: return (or resolve to) a short summary of the result, or throw. */
  run: () => unknown;
  /** What must happen: a check on the result (correct), or the error message expected (clear error). */
  expect: { result: (r: unknown) => boolean; says: string } | { error: RegExp };
}

export interface Outcome {
  verdict: Verdict;
  expected: "correct" | "clear error";
  /** The response, one line (temporary paths replaced by <tmp>). */
  response: string;
}

/** A temporary folder for the suite's files; `<tmp>` in the table. */
export const TMP = mkdtempSync(join(tmpdir(), "adversarial-"));
process.on("exit", () => rmSync(TMP, { recursive: true, force: true }));

const clean = (s: string): string =>
  s
    .split(TMP)
    .join("<tmp>")
    .replace(/\s*\n\s*/g, " ⏎ ")
    .trim();

/** Run a case and classify its answer. */
export async function runCase(c: Case): Promise<Outcome> {
  const expected = "error" in c.expect ? "clear error" : "correct";
  try {
    const r = await c.run();
    if ("error" in c.expect)
      return {
        verdict: "silent wrong",
        expected,
        response: `no error; result ${clean(summarize(r))}`,
      };
    const ok = c.expect.result(r);
    return {
      verdict: ok ? "correct" : "silent wrong",
      expected,
      response: ok ? clean(c.expect.says) : `check failed on ${clean(summarize(r))}`,
    };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const oneLine = !/\n/.test(msg.trim());
    const name = e instanceof Error ? e.name : typeof e;
    const expectedKind =
      e instanceof Error &&
      (isExpectedError(e) || ["Error", "CliError", "ParseError", "ArgError"].includes(name));
    if (!expectedKind)
      return { verdict: "stack trace", expected, response: clean(`${name}: ${msg}`) };
    if ("error" in c.expect && oneLine && c.expect.error.test(msg))
      return { verdict: "clear error", expected, response: clean(msg) };
    return { verdict: "unclear", expected, response: clean(msg) };
  }
}

function summarize(r: unknown): string {
  if (typeof r === "string") return r.length > 120 ? r.slice(0, 117) + "…" : r;
  try {
    // undefined for undefined, a function or a symbol
    const s = JSON.stringify(r) as string | undefined;
    return s === undefined ? String(r) : s.length > 120 ? s.slice(0, 117) + "…" : s;
  } catch {
    return String(r);
  }
}

/**
 * Run `alliance ARGS` in this process (commander with exitOverride): the text
 * it prints, or a thrown Error with the one line it would print on stderr.
 */
export async function cli(args: string[]): Promise<string> {
  const program = buildProgram();
  let err = "";
  program.exitOverride();
  program.configureOutput({ writeErr: (s) => (err += s), writeOut: () => {} });
  for (const c of program.commands) {
    c.exitOverride();
    c.configureOutput({ writeErr: (s) => (err += s), writeOut: () => {} });
    for (const d of c.commands) {
      d.exitOverride();
      d.configureOutput({ writeErr: (s) => (err += s), writeOut: () => {} });
    }
  }
  const argv = process.argv;
  const write = process.stdout.write.bind(process.stdout);
  const ewrite = process.stderr.write.bind(process.stderr);
  let out = "";
  process.argv = ["node", "alliance", ...args];
  process.stdout.write = (s: string | Uint8Array) => ((out += String(s)), true);
  process.stderr.write = (s: string | Uint8Array) => ((err += String(s)), true);
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (!(e instanceof Error) || e.name !== "CommanderError") throw e;
    // commander's own refusals (unknown option, missing value) print one "error: ..." line
    const x = new Error((err.trim().split("\n")[0] || e.message).replace(/^error: /, ""));
    x.name = "CliError";
    throw x;
  } finally {
    process.argv = argv;
    process.stdout.write = write;
    process.stderr.write = ewrite;
  }
  return out;
}
