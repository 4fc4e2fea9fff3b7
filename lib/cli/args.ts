/**
 * The one argument checker of the `alliance` command line (commander parses;
 * this module refuses what commander lets through). Every refusal is an
 * {@link ArgError}: one line naming the option, the offending word and the fix.
 *
 * - {@link refuseStrays}: a word no option takes. The usual cause is a space
 *   after a comma (`--x x1, x2`: the shell passes `x2` as a word of its own,
 *   which commander would otherwise ignore, fitting without x2).
 * - {@link listOption}: a comma-separated list (`--x`, `--fe`, `--keys`):
 *   no empty item (`x1,,x2`, a trailing comma), no item twice (`--fe unit,unit`).
 * - {@link optionValue}: the value of `--flag VALUE` or `--flag=VALUE` in a
 *   script's argv (npm run scripts parse their own); a flag without a value
 *   is an error, never the default.
 * - {@link checkOutPath}: where `--out` may write: not onto the input, not
 *   through a symbolic link, not over a read-only file or a folder, not under
 *   a file.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** A bad command line (printed as one line by lib/cli/main.ts, exit status 2). */
export class ArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArgError";
  }
}

/**
 * Refuse positional words left over by the option parser. `argv` is the
 * command's raw arguments (to say which option the word followed).
 */
export function refuseStrays(strays: readonly string[], argv: readonly string[] = []): void {
  if (strays.length === 0) return;
  const w = strays[0];
  const at = argv.indexOf(w);
  // The option before the stray word, and its value, when the word followed one.
  let prev = "";
  for (let i = at - 1; i >= 0; i--) {
    if (argv[i].startsWith("--")) {
      prev = argv.slice(i, at).join(" ");
      break;
    }
  }
  if (prev && /,$/.test(prev)) {
    // The stray words that follow one another from `at` on: the rest of the list.
    let rest = "";
    for (let i = at, k = 0; k < strays.length && argv[i] === strays[k]; i++, k++) rest += strays[k];
    throw new ArgError(
      `unexpected word "${w}" after "${prev}": write a list without spaces after the commas (${prev}${rest || w})`,
    );
  }
  throw new ArgError(
    `unexpected word "${w}"${prev ? ` after "${prev}"` : ""}: every value belongs to an option (--name value); ` +
      `lists are comma-separated without spaces (--x x1,x2), and a value with spaces is quoted`,
  );
}

/** A comma-separated option value as a list: items trimmed; an empty item or a repeated one is an error. */
export function listOption(flag: string, value: string | undefined): string[] {
  if (value === undefined) return [];
  const items = value.split(",").map((v) => v.trim());
  if (items.length === 1 && items[0] === "") return [];
  const empty = items.indexOf("");
  if (empty >= 0) {
    throw new ArgError(
      `${flag} "${value}": item ${empty + 1} is empty; write the columns separated by single commas (${flag} ${items.filter(Boolean).join(",")})`,
    );
  }
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it))
      throw new ArgError(
        `${flag} "${value}" names "${it}" twice; give each column once (${flag} ${Array.from(new Set(items)).join(",")})`,
      );
    seen.add(it);
  }
  return items;
}

/** The real path of `p`, or of its nearest existing ancestor joined with the rest (p may not exist yet). */
function realish(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realish(parent), path.basename(abs));
  }
}

/**
 * Refuse an `--out` target that would destroy something or cannot be written:
 * the input file itself (`inputs`, compared by real path), a symbolic link
 * (writing would replace the link, not its target), a folder, a read-only
 * file, a path under a file. Checked before any work is done.
 */
export function checkOutPath(out: string, inputs: readonly string[] = [], flag = "--out"): void {
  if (out === "") throw new ArgError(`${flag} needs a file name`);
  const abs = path.resolve(out);
  const target = realish(abs);
  for (const inp of inputs) {
    if (realish(inp) === target)
      throw new ArgError(
        `${flag} ${out} is the input file ${inp}: writing would replace the data with the results; give another file name`,
      );
  }
  // The nearest existing ancestor must be a folder.
  for (let d = path.dirname(abs); ; d = path.dirname(d)) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(d);
    } catch {
      st = undefined; // absent, or under a file (ENOTDIR): look further up
    }
    if (st) {
      if (!st.isDirectory())
        throw new ArgError(`${flag} ${out}: ${d} is a file, not a folder; give a path in a folder`);
      break;
    }
    if (path.dirname(d) === d) break;
  }
  const lst = fs.lstatSync(abs, { throwIfNoEntry: false });
  if (lst?.isSymbolicLink())
    throw new ArgError(
      `${flag} ${out} is a symbolic link: writing would replace the link; give the file it points to (${target}) or another name`,
    );
  if (lst?.isDirectory()) throw new ArgError(`${flag} ${out} is a folder; give a file name`);
  if (lst && (lst.mode & 0o222) === 0)
    throw new ArgError(
      `${flag} ${out} is read-only; make it writable (chmod u+w ${out}) or give another file name`,
    );
}

/**
 * The value of `flag` in `argv` (`--flag VALUE` or `--flag=VALUE`), or
 * undefined when the flag is absent. A flag given without a value (last, or
 * followed by another option) is an {@link ArgError}: it must not silently
 * mean the default.
 */
export function optionValue(
  argv: readonly string[],
  flag: string,
  what = "a value",
): string | undefined {
  let v: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === flag) {
      const next = i + 1 < argv.length ? argv[i + 1] : undefined;
      if (next === undefined || next.startsWith("--") || next === "")
        throw new ArgError(
          `${flag} needs ${what} (${flag} ${what === "a value" ? "VALUE" : what.replace(/^an? /, "").toUpperCase()})`,
        );
      v = next;
      i++;
    } else if (a.startsWith(`${flag}=`)) {
      v = a.slice(flag.length + 1);
      if (v === "") throw new ArgError(`${flag}= needs ${what}`);
    }
  }
  return v;
}
