// compromise_bench.mjs: the peer of extract_bench (bench/run.sh runs both on the same
// corpus). npm's compromise (pinned by bench/package.json and package-lock.json) is the NLP
// library the extraction issue measures newsgraph against: for each article of the corpus,
// nlp(text) then .people(), .places(), .organizations() — the entity work newsgraph does —
// on this one Node.js thread. The corpus is loaded into memory first; a warm-up over its first
// 200 articles (JIT), then RUNS timed passes over all of it; prints the median MB/s (10^6
// bytes per second, wall clock and process CPU time) as "key value" lines like extract_bench.
//
//   node bench/compromise_bench.mjs CORPUS_DIR [RUNS]
// RUNS defaults to 1: compromise does about 0.15 MB/s, so one pass over 10 MB is a minute.
import fs from 'node:fs';
import path from 'node:path';
import nlp from 'compromise';

const dir = process.argv[2];
const runs = Number(process.argv[3] || 1);
if (!dir) {
  console.error('usage: node compromise_bench.mjs CORPUS_DIR [RUNS]');
  process.exit(2);
}

const names = fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).sort();
const texts = names.map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));
const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t, 'utf8'), 0);

function pass(texts) {
  let entities = 0;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (const t of texts) {
    const doc = nlp(t);
    entities += doc.people().length + doc.places().length + doc.organizations().length;
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6, entities };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
pass(texts.slice(0, 200)); // warm-up
const wall = [];
const cpu = [];
let last;
for (let r = 0; r < runs; r++) {
  last = pass(texts);
  wall.push(bytes / 1e6 / last.wall);
  cpu.push(bytes / 1e6 / last.cpu);
  console.error(`run ${r + 1}: ${wall[r].toFixed(3)} MB/s wall, ${cpu[r].toFixed(3)} MB/s cpu`);
}
console.log(`articles ${texts.length}`);
console.log(`bytes ${bytes}`);
console.log(`runs ${runs}`);
console.log(`entities ${last.entities}`);
console.log(`compromise_version ${nlp.version}`);
console.log(`mbps_wall_median ${median(wall).toFixed(3)}`);
console.log(`mbps_cpu_median ${median(cpu).toFixed(3)}`);
console.log(`peak_rss_kb ${Math.round(process.resourceUsage().maxRSS)}`);
