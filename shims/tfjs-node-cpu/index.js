"use strict";
// Stand-in for @tensorflow/tfjs-node under danfojs-node (package.json
// dependency; README.md beside this file says why). danfo calls tfjs-core ops
// (tensor1d, tensor2d, scalar, moments, .data()), chained tensor methods
// (t.add(u), t.sqrt(), ...) and tf.data (Series/DataFrame.sample); the
// pure-JS CPU backend executes them. Production mode silences tfjs's
// "install the node backend" banner, which would otherwise print into the
// first notebook cell that touches a DataFrame.
const core = require("@tensorflow/tfjs-core");
require("@tensorflow/tfjs-backend-cpu");
require("./chained_ops");
core.enableProdMode();
module.exports = Object.assign({}, core, { data: require("@tensorflow/tfjs-data") });
