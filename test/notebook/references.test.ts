import { test } from "node:test";
import assert from "node:assert/strict";
import {
  cite,
  formatEntry,
  latexToText,
  loadBib,
  parseBib,
  references,
} from "../../lib/notebook/references";

const BIB = `% a comment
@article{a2000,
  author  = {Smith, John Paul and M{\\"u}ller, Anna and others},
  title   = {On {GDP}: A {\\"U}bersicht},
  journal = {Journal of Tests},
  year    = {2000},
  volume  = {3},
  number  = {2},
  pages   = {1--10},
  doi     = {10.1/xyz}
}
@book{b1999, author = {{World Bank}}, title = "Big Book", publisher = {Press}, year = 1999, edition = {2}}
@misc{c2001, author = {Doe, Jane and Roe, Richard}, title = {Data}, year = {2001}, url = {https://example.org}}
`;

test("parseBib: braces, quotes, bare numbers, comments; errors name file and line", () => {
  const bib = parseBib(BIB, "t.bib");
  assert.deepEqual([...bib.keys()], ["a2000", "b1999", "c2001"]);
  assert.equal(bib.get("a2000")!.fields.title, 'On {GDP}: A {\\"U}bersicht');
  assert.equal(bib.get("b1999")!.fields.year, "1999");
  assert.equal(bib.get("b1999")!.fields.title, "Big Book");
  assert.equal(bib.get("c2001")!.line, 13);
  assert.throws(
    () => parseBib("@article{x, title = {open\n", "t.bib"),
    /t\.bib:1: entry x: unbalanced braces/,
  );
  assert.throws(
    () => parseBib("@a{x, t={1}}\n@a{x, t={2}}", "t.bib"),
    /t\.bib:2: duplicate key "x"/,
  );
  assert.throws(() => parseBib("junk", "t.bib"), /t\.bib:1: expected "@"/);
});

test("latexToText and formatEntry: accents, initials, et al., venue, DOI or URL", () => {
  assert.equal(
    latexToText("M{\\\"u}ller {\\ss} Guimar{\\~a}es Berg{\\'e} {\\O} 1--2 \\&"),
    "Müller ß Guimarães Bergé Ø 1–2 &",
  );
  const bib = parseBib(BIB);
  assert.equal(
    formatEntry(bib.get("a2000")!),
    "Smith, J. P., Müller, A., et al. (2000). On GDP: A Übersicht. *Journal of Tests*, 3(2), 1–10. https://doi.org/10.1/xyz",
  );
  assert.equal(formatEntry(bib.get("b1999")!), "World Bank (1999). *Big Book* (2nd ed.). Press.");
  assert.equal(
    formatEntry(bib.get("c2001")!),
    "Doe, J., & Roe, R. (2001). *Data*. <https://example.org>",
  );
  assert.equal(cite("a2000", bib), "Smith et al. (2000)");
  assert.equal(cite("c2001", bib), "Doe & Roe (2001)");
  assert.equal(cite("b1999", bib), "World Bank (1999)");
});

test("references(): a sorted Markdown section without duplicates; unknown keys throw", () => {
  const bib = parseBib(BIB);
  const md = references(["c2001", "a2000", "c2001"], bib);
  assert.equal(md.split("\n")[0], "## References");
  assert.deepEqual(
    md
      .split("\n")
      .slice(2)
      .map((l) => l.slice(2, 7)),
    ["Doe, ", "Smith"],
  );
  assert.throws(() => references(["nope"], bib), /no entry "nope"/);
});

test("the project's references.bib parses, and has the paper, every data source and the methods the notebooks cite", () => {
  const bib = loadBib();
  const need = [
    "li2022",
    "voeten2009unvotes",
    "bailey2017",
    "statedept_voting",
    "wdi",
    "kaufmann2023wgi",
    "heritage_efi",
    "mayer2011geodist",
    "eia_wti",
    "imf_dots",
    "unctad_ict",
    "gdelt1",
    "leetaru2013",
    "goldstein1992",
    "arelbundock2018",
    "huawei5g_deposit",
    "signorino1999",
    "beckley2018",
    "cameron2008",
    "webb2014",
    "mackinnon2020",
    "young2019",
    "angrist2009",
    "wooldridge2010",
    "correia2016",
    "berge2018",
    "snyder1984",
  ];
  for (const k of need) assert.ok(bib.has(k), k);
  for (const e of bib.values())
    assert.ok(e.fields.title && (e.fields.author || e.fields.editor), `${e.key}: title and author`);
  assert.match(
    references(["li2022"]),
    /Li, M\., & Gu, Y\. \(2022\)\. Technical Cooperation and Alliance Pressure/,
  );
});
