/**
 * How well related stories find the other articles of the same ongoing story, on a synthetic
 * clustered archive, next to a naive baseline (shared tags, then same category, ties by
 * recency). Run: `node lib/bench/relevance.js [--articles N] [--seed S] [--count K]`.
 */
import { extractTerms } from '../src/content/terms.js';
import { relateArticles, type RelatedInput } from '../src/site/related.js';
import { generateArchive } from './generate.js';

const FRONT_MATTER = /^---\n[\s\S]*?\n---\n/;

/** The archive as the related stage sees it, and the story of each article (-1: none). */
interface Prepared { inputs: RelatedInput[]; story: Int32Array; generateMs: number; termsMs: number }

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
  const newer = (x: number, y: number) => inputs[y]!.date - inputs[x]!.date || (inputs[x]!.url < inputs[y]!.url ? -1 : 1);
  const byCategory = new Map<string, number[]>();
  [...inputs.keys()].sort(newer).forEach((i) => push(byCategory, inputs[i]!.categorySlug, i));
  return inputs.map((a, i) => {
    const score = new Map<number, number>();
    const sameCategory = (j: number) => (inputs[j]!.categorySlug === a.categorySlug ? 1 : 0);
    for (const t of tagsOf[i]!) for (const j of byTag.get(t)!) if (j !== i) score.set(j, (score.get(j) ?? sameCategory(j)) + 2);
    const list = [...score.keys()].sort((x, y) => score.get(y)! - score.get(x)! || newer(x, y)).slice(0, count);
    for (const j of byCategory.get(a.categorySlug)!) if (list.length < count && j !== i && !score.has(j)) list.push(j);
    return list;
  });
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

/** The same figures for a perfect list (all story members first). */
function ideal(story: Int32Array, count: number): number[][] {
  const members = new Map<number, number[]>();
  story.forEach((s, a) => s >= 0 && push(members, s, a));
  return [...story].map((s, a) => (s < 0 ? [] : members.get(s)!.filter((b) => b !== a).slice(0, count)));
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
  const warta = relateArticles(p.inputs, { count });
  const relatedMs = performance.now() - t;
  t = performance.now();
  const base = baseline(p.inputs, count);
  const baseMs = performance.now() - t;
  const clustered = p.story.filter((s) => s >= 0).length;
  console.log(`${articles} articles, ${clustered} in ongoing stories, ${count} related each\n`);
  console.log('method                        precision  recall  time');
  const row = (name: string, lists: number[][], ms?: number) => {
    const { precision, recall } = evaluate(lists, p.story, count);
    console.log(`${name.padEnd(30)}${precision.toFixed(3).padStart(9)}${recall.toFixed(3).padStart(8)}  ${ms === undefined ? '' : `${(ms / 1000).toFixed(2)} s`}`);
  };
  row('warta (terms + tags + cat.)', warta, relatedMs);
  row('baseline (tags + category)', base, baseMs);
  row('ideal (story members first)', ideal(p.story, count));
  console.log(`\ngenerate ${(p.generateMs / 1000).toFixed(2)} s, extractTerms ${(p.termsMs / 1000).toFixed(2)} s, relateArticles ${(relatedMs / 1000).toFixed(2)} s`);
}

main();
