"use strict";
// Stand-in for `request` 2.88.2 under danfojs-node 1.2.0 (README.md here). danfo requires
// `request` when it loads, and calls it only in readCSV / readJSON / streamCSV of a URL
// (`request(options)`, `request.get(url)`). This project reads every file from disk after its
// SHA-256 matched, so any such call is refused with a clear error and nothing is sent.
function refuse() {
  throw new Error(
    "danfojs-node tried to read a URL: this project installs no HTTP client for danfo " +
      "(shims/request-refused). Download the file and read it from disk.",
  );
}
module.exports = refuse;
module.exports.get = refuse;
module.exports.post = refuse;
module.exports.defaults = refuse;
module.exports.jar = refuse;
