const s = require("./dist/kernel/lib/seminar.js");
const t0 = performance.now();
s.sources.loadUnVotes({ sessions: [71, 72, 73, 74, 75] });
console.log("loadUnVotes", (performance.now() - t0).toFixed(0));
const t1 = performance.now();
s.sources.loadUnVotes({ sessions: [71, 72, 73, 74, 75] });
console.log("again", (performance.now() - t1).toFixed(0));
