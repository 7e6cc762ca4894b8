// Lays out an ELK JSON graph read from stdin with elkjs and writes the result to stdout.
// Run by benchmarks/elk_drawing.py as: node elk_layout.js (NODE_PATH points at elkjs).
const ELK = require("elkjs/lib/elk.bundled.js");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  new ELK().layout(JSON.parse(input))
    .then((graph) => process.stdout.write(JSON.stringify(graph)))
    .catch((error) => { process.stderr.write(String(error) + "\n"); process.exit(1); });
});
