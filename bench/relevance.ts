/**
 * How well related stories find the other articles of the same ongoing story, on a synthetic
 * clustered archive, next to a naive baseline (shared tags, then same category, ties by
 * recency). Run: `node lib/bench/relevance.js [--articles N] [--seed S] [--count K]`.
 */
import { extractTerms } from '../src/content/terms.js';
import { relateArticles, type RelatedInput } from '../src/site/related/relate.js';
import { generateArchive } from '../test/support/generate.js';

const FRONT_MATTER = /^---\n[\s\S]*?\n---\n/;

/** The archive as the related stage sees it, and the story of each article (-1: none). */
interface Prepared {
  inputs: RelatedInput[];
  story: Int32Array;
  generateMs: number;
  termsMs: number;
}

/** Generates the archive in memory and extracts each article's terms (text is not kept). */
function prepare(articles: number, seed: number): Prepared {
  const inputs: RelatedInput[] = [];
  const story = new Int32Array(articles).fill(-1);
  let termsMs = 0;
  const started = performance.now();
  for (const a of generateArchive({ articles, seed, clusters: true })) {
    const t = performance.now();
    const body = a.text.replace(FRONT_MATTER, '');
    const { title, tags, categorySlug, date, url } = a.meta;
    inputs.push({ terms: extractTerms(title, body, tags), tags, categorySlug, date, url });
    termsMs += performance.now() - t;
    if (a.story !== undefined) story[inputs.length - 1] = a.story;
  }
  return { inputs, story, generateMs: performance.now() - started - termsMs, termsMs };
}

/** Appends `value` to the list under `key`. */
function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Baseline: 2 per shared tag + 1 for the same category, ties newest first then URL. */
function baseline(inputs: readonly RelatedInput[], count: number): number[][] {
  const byTag = new Map<string, number[]>();
  const tagsOf = inputs.map((a) => [...new Set(a.tags.map((t) => t.toLowerCase()))]);
  tagsOf.forEach((tags, i) => tags.forEach((t) => push(byTag, t, i)));
  const order = [...inputs.keys()].sort(
    (x, y) => inputs[y]!.date - inputs[x]!.date || (inputs[x]!.url < inputs[y]!.url ? -1 : 1),
  );
  const rank = new Int32Array(inputs.length);
  order.forEach((i, r) => (rank[i] = r));
  const byCategory = new Map<string, number[]>();
  order.forEach((i) => push(byCategory, inputs[i]!.categorySlug, i));
  const score = new Int32Array(inputs.length);
  return inputs.map((a, i) => {
    const touched: number[] = [];
    for (const t of tagsOf[i]!)
      for (const j of byTag.get(t)!) if (j !== i) (score[j] === 0 && touched.push(j), (score[j] += 2));
    for (const j of touched) score[j]! += inputs[j]!.categorySlug === a.categorySlug ? 1 : 0;
    const list = best(touched, count, (x, y) => score[x]! - score[y]! || rank[y]! - rank[x]!);
    for (const j of touched) score[j] = 0;
    for (const j of byCategory.get(a.categorySlug)!) {
      if (list.length === count) break;
      if (j !== i && !list.includes(j)) list.push(j);
    }
    return list;
  });
}

/** The `count` greatest candidates by `cmp` (positive: first is better), best first, without sorting them all. */
function best(candidates: number[], count: number, cmp: (x: number, y: number) => number): number[] {
  const top: number[] = [];
  for (const c of candidates) {
    if (top.length === count && cmp(c, top[count - 1]!) <= 0) continue;
    if (top.length === count) top.pop();
    let i = top.length;
    while (i > 0 && cmp(c, top[i - 1]!) > 0) i--;
    top.splice(i, 0, c);
  }
  return top;
}

/** Mean precision (hits / count) and recall (hits / other members) over articles of stories. */
function evaluate(lists: number[][], story: Int32Array, count: number): { precision: number; recall: number } {
  const size = new Map<number, number>();
  for (const s of story) if (s >= 0) size.set(s, (size.get(s) ?? 0) + 1);
  let precision = 0;
  let recall = 0;
  let n = 0;
  lists.forEach((list, a) => {
    const others = story[a]! < 0 ? 0 : size.get(story[a]!)! - 1;
    if (others === 0) return;
    const hits = list.filter((b) => story[b] === story[a]).length;
    precision += hits / count;
    recall += hits / others;
    n++;
  });
  return { precision: precision / n, recall: recall / n };
}

/** Perfect lists, for scale: each article's fellow story members (at most `count`). */
function ideal(story: Int32Array, count: number): number[][] {
  const members = new Map<number, number[]>();
  story.forEach((s, a) => s >= 0 && push(members, s, a));
  return [...story].map((s, a) =>
    s < 0
      ? []
      : members
          .get(s)!
          .filter((b) => b !== a)
          .slice(0, count),
  );
}

/** Reads `--name value` from the command line. */
function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} expects a positive whole number`);
  return value;
}

/** Runs the comparison and prints the table. */
function main(): void {
  const articles = flag('articles', 10_000);
  const count = flag('count', 8);
  const p = prepare(articles, flag('seed', 1));
  let t = performance.now();
  const cpu = process.cpuUsage();
  const warta = relateArticles(p.inputs, { count });
  const relatedMs = performance.now() - t;
  const { user, system } = process.cpuUsage(cpu);
  t = performance.now();
  const base = baseline(p.inputs, count);
  const baseMs = performance.now() - t;
  const clustered = p.story.filter((s) => s >= 0).length;
  console.log(`${articles} articles, ${clustered} in ongoing stories, ${count} related each\n`);
  console.log('method                        precision  recall  time');
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const row = (name: string, lists: number[][], ms?: number) => {
    const { precision, recall } = evaluate(lists, p.story, count);
    console.log(
      `${name.padEnd(30)}${precision.toFixed(3).padStart(9)}${recall.toFixed(3).padStart(8)}  ${ms === undefined ? '' : s(ms)}`,
    );
  };
  row('warta (terms + tags + cat.)', warta, relatedMs);
  row('baseline (tags + category)', base, baseMs);
  row('ideal (story members first)', ideal(p.story, count));
  console.log(
    `\ngenerate ${s(p.generateMs)}, extractTerms ${s(p.termsMs)}, relateArticles ${s(relatedMs)} (CPU ${s((user + system) / 1000)})`,
  );
}

main();
