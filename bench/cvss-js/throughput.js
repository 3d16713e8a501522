// CVSS benchmark, peer side: ae-cvss-calculator (the most downloaded
// JavaScript CVSS library) scoring the same file in-process, best of 3.
// Prints vectors/second and the checksum of the overall scores.
const fs = require('fs');
const { fromVector } = require('ae-cvss-calculator');

// Usage: node throughput.js FILE [LIMIT] [PASSES]
const limit = +(process.argv[3] || Infinity), passes = +(process.argv[4] || 3);
const vectors = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.length)
  .slice(0, limit);
let best = Infinity, checksum = 0, invalid = 0;
for (let pass = 0; pass < passes; pass++) {
  checksum = 0;
  invalid = 0;
  const t0 = process.hrtime.bigint();
  for (const v of vectors) {
    const c = fromVector(v);
    if (!c) { invalid++; continue; }
    checksum += c.calculateScores().overall;
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  best = Math.min(best, s);
}
console.log(JSON.stringify({ vectors: vectors.length, seconds: +best.toFixed(4),
  per_second: Math.round(vectors.length / best), checksum: +checksum.toFixed(1), invalid }));
