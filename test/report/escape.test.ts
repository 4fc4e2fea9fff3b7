import { test } from "node:test";
import assert from "node:assert/strict";
import { escapeHtml, escapeLatex, escapeMarkdown } from "../../lib/report/escape";

test("HTML", () => {
  assert.equal(
    escapeHtml(`<a href="x">&'</a>`),
    "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;",
  );
});
test("LaTeX", () => {
  assert.equal(
    escapeLatex("50% of $x_1 & y#{}~^\\ <|> R²"),
    "50\\% of \\$x\\_1 \\& y\\#\\{\\}\\textasciitilde{}\\textasciicircum{}\\textbackslash{} \\textless{}\\textbar{}\\textgreater{} R\\textsuperscript{2}",
  );
});
test("Markdown", () => {
  assert.equal(escapeMarkdown("a|b 2.1** c_d <i>\\"), "a\\|b 2.1\\*\\* c\\_d &lt;i&gt;\\\\");
});
