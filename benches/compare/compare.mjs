// Lays out the tree written by examples/layout_compare.rs with d3-flextree (a size per card, as ours) and
// d3-hierarchy's tree (one size for every node: the largest card, since it cannot take sizes per node), and
// prints the median milliseconds of the layout alone: "flextree MS" and "hierarchy MS".
// Usage: node compare.mjs TREE_JSON
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { flextree } from "d3-flextree";
import { hierarchy, tree } from "d3-hierarchy";

const RUNS = 7;
const SIBLING_GAP = 24;
const LEVEL_GAP = 56;

const rows = JSON.parse(readFileSync(process.argv[2], "utf8"));

// Nested data; several roots hang under one invisible top so both libraries lay out the same forest.
const top = { w: 0, h: 0, children: [] };
const nodes = rows.map((r) => ({ w: r.w, h: r.h, children: [] }));
rows.forEach((r, i) => (r.parent < 0 ? top : nodes[r.parent]).children.push(nodes[i]));
const data = top.children.length === 1 ? top.children[0] : top;
const childrenOf = (d) => (d.children.length > 0 ? d.children : null);

// The first runs warm up node's JIT compiler; only the runs after them are timed.
function median(run) {
  for (let i = 0; i < 3; i++) run();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)];
}

const flex = flextree({
  children: childrenOf,
  nodeSize: (node) => [node.data.w + SIBLING_GAP, node.data.h + LEVEL_GAP],
  spacing: 0,
});
const flexRoot = flex.hierarchy(data);
const flexTime = median(() => flex(flexRoot));

const widest = Math.max(...rows.map((r) => r.w));
const tallest = Math.max(...rows.map((r) => r.h));
const tidy = tree().nodeSize([widest + SIBLING_GAP, tallest + LEVEL_GAP]);
const tidyRoot = hierarchy(data, childrenOf);
const tidyTime = median(() => tidy(tidyRoot));

console.log(`flextree ${flexTime.toFixed(2)}`);
console.log(`hierarchy ${tidyTime.toFixed(2)}`);
