/**
 * Model formulas in fixest's syntax (Bergé 2018; fixest `feols` docs, section
 * "fml"), the subset this project estimates:
 *
 *   formula  := lhs "~" rhs [ "|" fe { "+" fe } ]
 *   lhs      := name
 *   rhs      := term { "+" term } [ "-" "1" | "+" "0" ]   with "0 +" / "1 +" allowed first
 *   term     := name | macro | lag
 *   lag      := ("l" | "f") "(" name [ "," integer ] ")"   lag / lead by k periods (default 1)
 *   macro    := ".." name                                  expanded from `macros`
 *                                                          (fixest: setFixest_fml(..ctrl = ~ x + z))
 *   name     := [A-Za-z_.][A-Za-z0-9_.]* , or any text in backticks
 *
 * Examples: `y ~ x1 + x2 | iso3 + year`, `y ~ l(asym, 1) + ideal | iso3 + year`,
 * `y ~ 0 + x1 + x2` (no intercept), `y ~ x1 - 1`.
 *
 * `l(x, k)` is x of the same unit k periods earlier (Stata's `L.x`, plm's
 * `lag(x, k)`), resolved by lib/estimate/lag.ts on the panel's unit and time
 * columns; `f(x, k)` is the lead. Interactions (`:`, `*`), `i()`, `csw()`,
 * `^` and IV parts are not supported and raise a {@link ParseError} that names
 * the token and its position (0-based character offset in the formula).
 */

export interface LagTerm {
  kind: "lag";
  variable: string;
  /** Periods: > 0 lag, < 0 lead. */
  k: number;
}

export interface VarTerm {
  kind: "var";
  name: string;
}

export type Term = VarTerm | LagTerm;

export interface Formula {
  /** Outcome column. */
  y: string;
  /** Right-hand-side terms, in order, macros expanded. */
  terms: Term[];
  /** Fixed effects after "|". */
  fe: string[];
  /** False when the formula says "0 +", "+ 0" or "- 1". */
  intercept: boolean;
}

/** A formula that cannot be parsed; names the offending token and its position. */
export class ParseError extends Error {
  constructor(
    readonly formula: string,
    readonly token: string,
    readonly position: number,
    readonly reason: string,
  ) {
    super(
      `formula "${formula}": ${reason} at position ${position}: ${token === "" ? "end of formula" : `"${token}"`}`,
    );
    this.name = "ParseError";
  }
}

type TokKind = "name" | "num" | "op" | "end";
interface Tok {
  kind: TokKind;
  text: string;
  pos: number;
  /** Name was written in backticks. */
  quoted?: boolean;
  /** The source text of the token (with backticks). */
  raw: string;
}

const NAME_START = /[A-Za-z_.]/;
const NAME_CHAR = /[A-Za-z0-9_.]/;

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === "`") {
      const j = src.indexOf("`", i + 1);
      if (j < 0) throw new ParseError(src, src.slice(i), i, "unclosed backtick");
      if (j === i + 1) throw new ParseError(src, "``", i, "empty name");
      out.push({
        kind: "name",
        text: src.slice(i + 1, j),
        pos: i,
        quoted: true,
        raw: src.slice(i, j + 1),
      });
      i = j + 1;
      continue;
    }
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < src.length && NAME_CHAR.test(src[j])) j++;
      out.push({ kind: "name", text: src.slice(i, j), pos: i, raw: src.slice(i, j) });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[0-9]/.test(src[j])) j++;
      // A decimal number (1.5): a token of its own, refused where it is used (a lag needs a whole number).
      if (src[j] === "." && /[0-9]/.test(src[j + 1] ?? "")) {
        j++;
        while (j < src.length && /[0-9]/.test(src[j])) j++;
      }
      if (j < src.length && NAME_CHAR.test(src[j])) {
        let e = j;
        while (e < src.length && NAME_CHAR.test(src[e])) e++;
        throw new ParseError(src, src.slice(i, e), i, "a name cannot start with a digit");
      }
      out.push({ kind: "num", text: src.slice(i, j), pos: i, raw: src.slice(i, j) });
      i = j;
      continue;
    }
    if ("~+-|(),".includes(c)) {
      out.push({ kind: "op", text: c, pos: i, raw: c });
      i++;
      continue;
    }
    const reason =
      c === ":" || c === "*" || c === "^"
        ? `operator "${c}" (interactions) is not supported`
        : "unexpected character";
    throw new ParseError(src, c, i, reason);
  }
  out.push({ kind: "end", text: "", pos: src.length, raw: "" });
  return out;
}

export interface ParseOptions {
  /** Macros: "..name" -> the variables it stands for. */
  macros?: Readonly<Record<string, readonly string[]>>;
}

/** Parse a formula (see module doc). Throws {@link ParseError}. */
export function parseFormula(src: string, opts: ParseOptions = {}): Formula {
  const ps = new FormulaParser(src, opts);
  const yTok = ps.name('the outcome (a column name) before "~"');
  if (ps.isOp("("))
    ps.fail(ps.peek(), "a function of the outcome is not supported; compute the column first");
  ps.expectOp("~", 'expected "~" after the outcome');
  ps.rightHandSide();
  if (ps.terms.length === 0) ps.fail(ps.peek(), "no regressors on the right-hand side");
  const fe = ps.fixedEffects();
  if (ps.peek().kind !== "end") ps.fail(ps.peek(), "unexpected token");
  return { y: yTok.text, terms: ps.terms, fe, intercept: ps.intercept };
}

/** The token stream of one formula, read left to right, and the terms found so far. */
class FormulaParser {
  private readonly toks: Tok[];
  private p = 0;
  readonly terms: Term[] = [];
  private readonly seen = new Set<string>();
  intercept = true;
  private interceptSet: Tok | undefined;

  constructor(
    private readonly src: string,
    private readonly opts: ParseOptions,
  ) {
    this.toks = tokenize(src);
  }

  peek(): Tok {
    return this.toks[this.p];
  }

  /** Is the next token the operator `op`? */
  isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === "op" && t.text === op;
  }

  fail(t: Tok, reason: string): never {
    throw new ParseError(this.src, t.raw, t.pos, reason);
  }

  expectOp(op: string, reason: string): Tok {
    const t = this.peek();
    if (t.kind !== "op" || t.text !== op) this.fail(t, reason);
    this.p++;
    return t;
  }

  name(what: string): Tok {
    const t = this.peek();
    if (t.kind !== "name") this.fail(t, `expected ${what}`);
    if (!t.quoted && t.text.startsWith(".."))
      this.fail(t, `macro ${t.text} cannot be used as ${what}`);
    this.p++;
    return t;
  }

  private add(t: Term, tok: Tok): void {
    const key = termName(t);
    if (this.seen.has(key)) this.fail(tok, `term ${key} appears twice`);
    this.seen.add(key);
    this.terms.push(t);
  }

  private setIntercept(value: boolean, tok: Tok): void {
    if (this.interceptSet) this.fail(tok, "the intercept is set twice");
    this.interceptSet = tok;
    this.intercept = value;
  }

  /** The terms after "~", up to "|" or the end (with "- 1", "0" or "1" for the intercept). */
  rightHandSide(): void {
    let first = true;
    for (;;) {
      let t = this.peek();
      if (!first) {
        if (this.isOp("-")) {
          this.minusOne();
          break;
        }
        if (t.kind === "end" || this.isOp("|")) break;
        this.expectOp("+", 'expected "+", "|" or the end of the formula');
        t = this.peek();
      }
      first = false;
      this.term(t);
    }
  }

  /** "- 1" (no intercept), which must end the right-hand side. */
  private minusOne(): void {
    this.p++;
    const one = this.peek();
    if (one.kind === "num" && one.text === "1") {
      this.p++;
      this.setIntercept(false, one);
      const t = this.peek();
      if (t.kind === "end" || this.isOp("|")) return;
      this.fail(t, '"- 1" must end the right-hand side');
    }
    this.fail(
      one,
      'only "- 1" (no intercept) may follow "-"; removing a variable is not supported',
    );
  }

  /** One term starting at `t`: 0 or 1, l()/f(), a macro, or a variable. */
  private term(t: Tok): void {
    if (t.kind === "num") {
      if (t.text !== "0" && t.text !== "1")
        this.fail(t, "a number is not a term (only 0 or 1 for the intercept)");
      this.p++;
      this.setIntercept(t.text === "1", t);
      return;
    }
    if (t.kind !== "name") this.fail(t, "expected a variable name");
    this.p++;
    if (this.isOp("(")) {
      this.lagTerm(t);
      return;
    }
    if (!t.quoted && t.text.startsWith("..")) {
      const macros = this.opts.macros;
      const m = macros?.[t.text];
      if (!m)
        this.fail(
          t,
          `unknown macro ${t.text}${macros ? ` (have ${Object.keys(macros).join(", ") || "none"})` : ""}`,
        );
      for (const v of m) this.add({ kind: "var", name: v }, t);
      return;
    }
    this.add({ kind: "var", name: t.text }, t);
  }

  /** `l(x)`, `l(x, k)`, `f(x, k)` after the function name `t`, at its "(". */
  private lagTerm(t: Tok): void {
    if (t.quoted || (t.text !== "l" && t.text !== "f"))
      this.fail(t, `function ${t.text}() is not supported (only l() and f())`);
    this.p++;
    const v = this.name("a variable inside " + t.text + "()");
    let k = 1;
    if (this.isOp(",")) {
      this.p++;
      let neg = false;
      if (this.isOp("-")) {
        neg = true;
        this.p++;
      }
      const kt = this.peek();
      if (kt.kind !== "num") this.fail(kt, `expected a whole number of periods in ${t.text}()`);
      if (!/^\d+$/.test(kt.text))
        this.fail(
          kt,
          `the ${t.text === "l" ? "lag" : "lead"} must be a whole number of periods (got ${kt.text}); write e.g. ${t.text}(${v.text}, ${Math.round(Number(kt.text)) || 1})`,
        );
      this.p++;
      k = Number(kt.text) * (neg ? -1 : 1) || 0;
    }
    this.expectOp(")", `expected ")" to close ${t.text}(`);
    this.add({ kind: "lag", variable: v.text, k: (t.text === "l" ? k : -k) || 0 }, t);
  }

  /** The fixed-effect columns after "|" (none without one). */
  fixedEffects(): string[] {
    const fe: string[] = [];
    if (!this.isOp("|")) return fe;
    this.p++;
    for (;;) {
      const f = this.name('a fixed-effect column after "|"');
      if (this.isOp("(") || this.isOp("^"))
        this.fail(this.peek(), "only plain columns are fixed effects");
      if (fe.includes(f.text)) this.fail(f, `fixed effect ${f.text} appears twice`);
      fe.push(f.text);
      const t = this.peek();
      if (t.kind === "end") break;
      if (t.kind === "op" && t.text === "|")
        this.fail(t, 'a second "|" (IV part) is not supported');
      this.expectOp("+", 'expected "+" between fixed effects');
    }
    return fe;
  }
}

/** Column name of a term: the variable, or fixest's `l(x, k)` / `f(x, k)`. */
export function termName(t: Term): string {
  if (t.kind === "var") return t.name;
  return t.k >= 0 ? `l(${t.variable}, ${t.k})` : `f(${t.variable}, ${-t.k})`;
}

const PLAIN = /^[A-Za-z_.][A-Za-z0-9_.]*$/;
const q = (s: string): string =>
  PLAIN.test(s) && !s.startsWith("..") && !/^[lf]$/.test(s) ? s : `\`${s}\``;

/** The formula as text; `parseFormula(printFormula(f))` gives f back. */
export function printFormula(f: Formula): string {
  const rhs = f.terms.map((t) =>
    t.kind === "var"
      ? q(t.name)
      : t.k >= 0
        ? `l(${q(t.variable)}, ${t.k})`
        : `f(${q(t.variable)}, ${-t.k})`,
  );
  const lhs = `${q(f.y)} ~ ${f.intercept ? "" : "0 + "}${rhs.join(" + ")}`;
  return f.fe.length ? `${lhs} | ${f.fe.map(q).join(" + ")}` : lhs;
}
