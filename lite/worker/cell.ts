/**
 * One notebook cell, TypeScript in, a runnable async function body out.
 *
 * The browser kernel runs each cell the way tslab does for a student: names
 * declared at the top level of a cell (const, let, var, function, class,
 * import bindings) stay visible in later cells, top-level `await` works, and
 * the value of a last bare expression is the cell's result.
 *
 * Steps:
 *  1. `ts.transpileModule` (the TypeScript compiler, no type checker) turns
 *     the cell into ES2022 JavaScript. Types are erased; type errors are NOT
 *     reported (tslab reports them before running; here the cell simply runs),
 *     syntax errors are (they stop the cell with the compiler's message).
 *     `verbatimModuleSyntax` keeps every value import even when the cell does
 *     not use it, and drops `type` imports.
 *  2. The top-level statements are rewritten into one sloppy-mode async
 *     function body, where an assignment to an undeclared name creates a
 *     global, so the names persist across cells and re-running a cell never
 *     clashes with its own earlier `const`:
 *       import { a, b as c } from "m"  ->  ({ a: a, b: c } = await __import("m"));
 *       import d, * as ns from "m"      ->  d = (await __import("m")).default; ns = ...
 *       const { x, y: [z] } = e         ->  ({ x, y: [z] } = e);
 *       let n;                          ->  n = undefined;
 *       function f() {}                 ->  kept (hoisted) + f published first
 *       class K {}                      ->  K = class K {};
 *       last expression `e;`            ->  return { value: (e) };
 */
import type * as TS from "typescript";

export interface CompiledCell {
  /** Body of `async function (__import)`; returns `{ value }` when the cell ends in an expression. */
  body: string;
  /** Names the cell declares at top level (they become globals). */
  declared: string[];
}

/** A syntax error with the compiler's message and the 1-based line in the cell. */
export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "SyntaxError";
  }
}

const COMPILER_OPTIONS = (ts: typeof TS): TS.CompilerOptions => ({
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  verbatimModuleSyntax: true,
  esModuleInterop: true,
  useDefineForClassFields: true,
  removeComments: false,
});

/** Names bound by a binding pattern or identifier. */
function boundNames(ts: typeof TS, name: TS.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) {
    out.push(name.text);
    return;
  }
  for (const el of name.elements) {
    if (ts.isOmittedExpression(el)) continue;
    boundNames(ts, el.name, out);
  }
}

/** Rewrite a binding pattern's source text into an assignment pattern's text. */
function patternText(ts: typeof TS, name: TS.BindingName, src: TS.SourceFile): string {
  if (ts.isIdentifier(name)) return name.text;
  if (ts.isArrayBindingPattern(name)) {
    const parts = name.elements.map((el) => {
      if (ts.isOmittedExpression(el)) return "";
      const inner = patternText(ts, el.name, src);
      const init = el.initializer ? ` = ${el.initializer.getText(src)}` : "";
      return `${el.dotDotDotToken ? "..." : ""}${inner}${init}`;
    });
    return `[${parts.join(", ")}]`;
  }
  const parts = name.elements.map((el) => {
    const inner = patternText(ts, el.name, src);
    const init = el.initializer ? ` = ${el.initializer.getText(src)}` : "";
    if (el.dotDotDotToken) return `...${inner}`;
    const key = el.propertyName ? el.propertyName.getText(src) : undefined;
    return key !== undefined ? `${key}: ${inner}${init}` : `${inner}${init}`;
  });
  return `{ ${parts.join(", ")} }`;
}

function importText(
  ts: typeof TS,
  st: TS.ImportDeclaration,
  src: TS.SourceFile,
  declared: string[],
): string {
  const spec = (st.moduleSpecifier as TS.StringLiteral).text;
  const mod = `(await __import(${JSON.stringify(spec)}))`;
  const clause = st.importClause;
  if (!clause) return `${mod};`;
  const lines: string[] = [];
  if (clause.name) {
    declared.push(clause.name.text);
    lines.push(`${clause.name.text} = ${mod}.default;`);
  }
  const nb = clause.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) {
    declared.push(nb.name.text);
    lines.push(`${nb.name.text} = ${mod};`);
  } else if (nb) {
    const parts = nb.elements.map((el) => {
      declared.push(el.name.text);
      const key = el.propertyName ? el.propertyName.getText(src) : el.name.text;
      return `${key}: ${el.name.text}`;
    });
    if (parts.length > 0) lines.push(`({ ${parts.join(", ")} } = ${mod});`);
  }
  return lines.join("\n");
}

/** Transpile and rewrite one cell (see the module comment). */
export function compileCell(ts: typeof TS, source: string): CompiledCell {
  const out = ts.transpileModule(source, {
    compilerOptions: COMPILER_OPTIONS(ts),
    reportDiagnostics: true,
    fileName: "cell.ts",
  });
  const diag = (out.diagnostics ?? []).find((d) => d.category === ts.DiagnosticCategory.Error);
  if (diag) {
    const msg = ts.flattenDiagnosticMessageText(diag.messageText, "\n");
    const line =
      diag.file && diag.start !== undefined
        ? diag.file.getLineAndCharacterOfPosition(diag.start).line + 1
        : 0;
    throw new CellSyntaxError(`${msg}${line ? ` (cell line ${line})` : ""}`, line);
  }
  const js = out.outputText.replace(/^export \{\};\s*$/m, "");
  const src = ts.createSourceFile("cell.js", js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const declared: string[] = [];
  const hoisted: string[] = [];
  const pieces: string[] = [];
  const stmts = src.statements;
  stmts.forEach((st, i) => {
    const last = i === stmts.length - 1;
    if (ts.isImportDeclaration(st)) {
      pieces.push(importText(ts, st, src, declared));
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        boundNames(ts, d.name, declared);
        const init = d.initializer ? d.initializer.getText(src) : "undefined";
        const target = patternText(ts, d.name, src);
        pieces.push(ts.isIdentifier(d.name) ? `${target} = ${init};` : `(${target} = ${init});`);
      }
    } else if (ts.isFunctionDeclaration(st) && st.name) {
      declared.push(st.name.text);
      hoisted.push(`globalThis[${JSON.stringify(st.name.text)}] = ${st.name.text};`);
      pieces.push(st.getText(src));
    } else if (ts.isClassDeclaration(st) && st.name) {
      declared.push(st.name.text);
      pieces.push(`${st.name.text} = ${st.getText(src)};`);
    } else if (last && ts.isExpressionStatement(st)) {
      pieces.push(`return { value: (${st.expression.getText(src)}) };`);
    } else {
      pieces.push(st.getText(src));
    }
  });
  return { body: [...hoisted, ...pieces].join("\n"), declared };
}
