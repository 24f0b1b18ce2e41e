import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deserialize, serialize } from 'node:v8';
import { relateArticles, relateAround, RelatedMemory, type RelatedInput } from '../../src/site/related/relate.js';
import { relatedList } from '../../src/site/related/memory.js';
import {
  restoreRelated,
  restoreStandIns,
  saveRelated,
  type RelatedState,
} from '../../src/incremental/related-state.js';
import { extractTerms, packTerms, unpackTerms } from '../../src/content/terms.js';
import { mulberry32 } from '../support/generate.js';
import { art, DAY, filler, generated, urls } from '../support/related.js';

// The related-story stage with memory: in one process (`warta dev`), and read back from the cache.

memoryTest(
  'computing again with the memory of the last computation gives what a fresh computation gives',
  (newMemory) => {
    const { inputs, bodies } = generated(400);
    const random = mulberry32(11);
    const pick = () => Math.floor(random() * inputs.length);
    const memory = newMemory();
    const edits: ((i: number) => RelatedInput)[] = [
      // Body edits: new words, lost words, a copied body (which shares every term with another article).
      (i) => ({
        ...inputs[i]!,
        terms: extractTerms('judul', `${bodies[i]} Warga Kampung Melayu mengungsi ke masjid Al-Ikhlas.`, []),
      }),
      (i) => ({ ...inputs[i]!, terms: packTerms(unpackTerms(inputs[i]!.terms).slice(3)) }),
      (i) => ({ ...inputs[i]!, terms: inputs[(i + 1) % inputs.length]!.terms }),
      (i) => ({ ...inputs[i]!, tags: [...inputs[i]!.tags, 'Banjir'] }),
      // Shape changes: a new date or category, which reorders or regroups the archive.
      (i) => ({ ...inputs[i]!, date: inputs[i]!.date + 86_400_000 }),
      (i) => ({ ...inputs[i]!, categorySlug: 'sains' }),
    ];
    assert.deepEqual(relateArticles(inputs, { count: 5 }, memory), relateArticles(inputs, { count: 5 }));
    for (let round = 0; round < 30; round++) {
      const edit = edits[round % edits.length]!;
      for (let k = 0; k < 1 + (round % 3); k++) {
        const i = pick();
        inputs[i] = edit(i);
      }
      assert.deepEqual(
        relateArticles(inputs, { count: 5 }, memory),
        relateArticles(inputs, { count: 5 }),
        `after round ${round}`,
      );
    }
    // The edits' new words were ranked among the known ones as a sort of every name ranks them.
    const sorted = memory.names.map((_, id) => id).sort((a, b) => (memory.names[a]! < memory.names[b]! ? -1 : 1));
    assert.deepEqual(
      [...memory.rank],
      Array.from(sorted.keys()).sort((a, b) => sorted[a]! - sorted[b]!),
    );
  },
);

memoryTest(
  'with memory, a term whose postings grow past the cap and shrink back gives what a fresh computation gives',
  (newMemory) => {
    const { inputs } = generated(400);
    const memory = newMemory();
    const withWord = (i: number, on: boolean) => ({
      ...inputs[i]!,
      terms: packTerms(
        on
          ? [['pemilu', 9], ...unpackTerms(inputs[i]!.terms)]
          : unpackTerms(inputs[i]!.terms).filter(([t]) => t !== 'pemilu'),
      ),
    });
    relateArticles(inputs, { count: 5 }, memory);
    // The cap is 50 postings at 400 articles: walk up to 60 and back down.
    const steps = [
      ...Array.from({ length: 60 }, (_, k) => [k * 3, true] as const),
      ...Array.from({ length: 60 }, (_, k) => [k * 3, false] as const),
    ];
    for (const [i, on] of steps) {
      inputs[i] = withWord(i, on);
      assert.deepEqual(
        relateArticles(inputs, { count: 5 }, memory),
        relateArticles(inputs, { count: 5 }),
        `after ${on ? 'adding to' : 'removing from'} article ${i}`,
      );
    }
  },
);

memoryTest(
  'with memory, an unchanged profile is walked in the new order when a term it carries enters another profile',
  (newMemory) => {
    // 400 articles: the cap is 50 postings. "alpha" and "beta" are in 50 profiles each, the
    // first article's among them, which walks alpha first (equal counts: by name). Then
    // "alpha" rises into the profile of an article that always carried it (so no idf moves and
    // the first article's profile stays as it was): alpha passes the cap, and the first
    // article must now walk beta first and stop at alpha.
    const rare = Array.from({ length: 12 }, (_, k) => `langka${k}:10`).join(' ');
    const inputs = [
      art('/a/', 'alpha beta', { date: 400 * DAY }),
      ...Array.from({ length: 49 }, (_, i) => art(`/alpha/${i}/`, `alpha satu${i}`, { date: i * DAY })),
      ...Array.from({ length: 49 }, (_, i) => art(`/beta/${i}/`, `beta dua${i}`, { date: (100 + i) * DAY })),
      art('/b/', `${rare} alpha:1`, { date: 200 * DAY }),
      ...filler(300, 'isian'),
    ];
    const memory = newMemory();
    assert.deepEqual(relateArticles(inputs, { count: 5 }, memory), relateArticles(inputs, { count: 5 }));
    inputs[99] = art('/b/', `${rare} alpha:100`, { date: 200 * DAY });
    const fresh = relateArticles(inputs, { count: 5 });
    assert.ok(
      urls(inputs, fresh[0]!).every((u) => u.startsWith('/beta/')),
      `fresh: ${urls(inputs, fresh[0]!)}`,
    );
    assert.deepEqual(relateArticles(inputs, { count: 5 }, memory), fresh);
  },
);

memoryTest(
  'with memory, an article whose list was partly filled takes a changed article among its scored ones as a fresh computation does',
  (newMemory) => {
    // "cianjur" is carried by 40 articles but in the profile of only two (the others carry it
    // weakly, below their twelve strong words), so the first article's list is one scored story
    // and four filled places. Then one weak carrier makes it strong: no idf moves (the same
    // articles carry it), only that article's profile changes, and it must join the scored part.
    const strong = (k: number) => Array.from({ length: 12 }, (_, j) => `kuat${k}x${j}:10`).join(' ');
    const inputs = [
      art('/a/', 'cianjur', { date: 500 * DAY }),
      art('/b/', 'cianjur', { date: 499 * DAY }),
      ...Array.from({ length: 38 }, (_, k) => art(`/lemah/${k}/`, `${strong(k)} cianjur:0.01`, { date: k * DAY })),
      ...filler(360, 'isian'),
    ];
    const memory = newMemory();
    const first = relateArticles(inputs, { count: 5 }, memory);
    assert.deepEqual(first, relateArticles(inputs, { count: 5 }));
    inputs[2] = art('/lemah/0/', `${strong(0)} cianjur:100`, { date: 0 });
    const fresh = relateArticles(inputs, { count: 5 });
    assert.ok(fresh[0]!.includes(2), `fresh: ${urls(inputs, fresh[0]!)}`);
    assert.deepEqual(relateArticles(inputs, { count: 5 }, memory), fresh);
  },
);

memoryTest(
  'with memory, an edited article that ties the last of a list, being newer, takes its place as a fresh computation does',
  (newMemory) => {
    // The edited article becomes the twin of the last of r's two, newer: the same words, weights
    // and category, so the very same score. It carried those words weakly before, below its own
    // strong ones, so no count of articles carrying a word moves, and r is rescored the quick way.
    const strong = Array.from({ length: 12 }, (_, j) => `kuat${j}:10`).join(' ');
    const inputs = [
      art('/r/', 'tsunami:5', { date: 400 * DAY }),
      art('/a/', 'tsunami:5', { date: 300 * DAY }),
      art('/e/', `${strong} tsunami:0.01 palu:0.01`, { date: 200 * DAY }),
      art('/t/', 'tsunami:5 palu:5', { date: 100 * DAY }),
      ...filler(50, 'isian'),
    ];
    const memory = newMemory();
    assert.deepEqual(urls(inputs, relateArticles(inputs, { count: 2 }, memory)[0]!), ['/a/', '/t/']);
    inputs[2] = art('/e/', 'tsunami:5 palu:5', { date: 200 * DAY });
    const fresh = relateArticles(inputs, { count: 2 });
    assert.deepEqual(urls(inputs, fresh[0]!), ['/a/', '/e/']);
    assert.deepEqual(relateArticles(inputs, { count: 2 }, memory), fresh);
  },
);

/** An article whose terms are read through a getter that adds its URL to `read`. */
function watched(article: RelatedInput, read: Set<string>): RelatedInput {
  return {
    ...article,
    get terms() {
      return (read.add(article.url), article.terms);
    },
  };
}

memoryTest(
  'with memory, articles added and removed, which move every later one, are related as a fresh computation does, and only the new ones are read',
  (newMemory) => {
    const { inputs } = generated(400);
    const read = new Set<string>();
    let articles = inputs.map((a) => watched(a, read));
    const memory = newMemory();
    assert.deepEqual(relateArticles(articles, { count: 5 }, memory), relateArticles(inputs, { count: 5 }));
    const newest = Math.max(...inputs.map((a) => a.date));
    const added = (k: number, date = newest + k * DAY) =>
      watched(art(`/baru/${k}/`, `banjir kampung melayu ${k}`, { date }), read);
    // One new newest article, three at once (newest and in between), then two removed.
    const steps: ((list: RelatedInput[]) => RelatedInput[])[] = [
      (list) => [...list, added(1)],
      (list) => [added(2), ...list.slice(0, 200), added(3, list[200]!.date), ...list.slice(200), added(4)],
      (list) => [...list.slice(0, 10), ...list.slice(11, 300), ...list.slice(301)],
    ];
    for (const [k, step] of steps.entries()) {
      const next = step(articles);
      read.clear();
      const related = relateArticles(next, { count: 5 }, memory);
      const reread = [...read].sort();
      assert.deepEqual(related, relateArticles(next, { count: 5 }), `after step ${k}`);
      assert.deepEqual(
        reread,
        next
          .filter((a) => !articles.includes(a))
          .map((a) => a.url)
          .sort(),
        `read in step ${k}`,
      );
      articles = next;
    }
  },
);

test('a computation read back from the cache goes on as a fresh computation does when a new newest article moves every other one', () => {
  const { inputs } = generated(400);
  const saved = deserialize(serialize(saveRelated(withMemory(inputs)))) as RelatedState;
  const copies = [
    ...inputs.map((a) => structuredClone(a)),
    art('/baru/', 'banjir kampung melayu', { date: Math.max(...inputs.map((a) => a.date)) + DAY }),
  ];
  const memory = restoreRelated(saved, copies, () => true);
  assert.deepEqual(relateArticles(copies, { count: 5 }, memory), relateArticles(copies, { count: 5 }));
});

test('a computation saved to the cache and read back in a fresh process goes on to what a fresh computation gives', () => {
  const { inputs, bodies } = generated(400);
  const random = mulberry32(5);
  let saved = saveRelated(withMemory(inputs));
  for (let round = 0; round < 12; round++) {
    // A fresh process reads every article anew: equal objects, not the same ones.
    const copies = inputs.map((a) => structuredClone(a));
    const edited = new Set<number>();
    for (let k = 0; k < 1 + (round % 3); k++) {
      const i = Math.floor(random() * copies.length);
      edited.add(i);
      copies[i] =
        round % 4 === 3
          ? { ...copies[i]!, date: copies[i]!.date + DAY }
          : {
              ...copies[i]!,
              terms: extractTerms(
                'judul',
                `${bodies[i]} Warga Kampung Melayu mengungsi ke masjid Al-Ikhlas ${round}.`,
                [],
              ),
            };
    }
    // Which articles' terms the computation with memory reads.
    const read = new Set<string>();
    const watching = copies.map((a) => watched(a, read));
    const memory = restoreRelated(
      deserialize(serialize(saved)) as RelatedState,
      watching,
      (a) => !edited.has(watching.indexOf(a)),
    );
    // As the quick path does, every other round: the restored arrays are patched where they lie.
    memory.inPlace = round % 2 === 1;
    assert.deepEqual(
      relateArticles(watching, { count: 5 }, memory),
      relateArticles(copies, { count: 5 }),
      `after round ${round}`,
    );
    // The edited articles' terms were interned again; of the others, only those of the few whose profile had to be picked again.
    const interned = copies.flatMap((a, i) => (read.has(a.url) ? [i] : []));
    assert.ok(
      [...edited].every((i) => interned.includes(i)) && interned.length < copies.length / 2,
      `interned in round ${round}: ${interned.length}`,
    );
    saved = saveRelated(memory);
    inputs.splice(0, inputs.length, ...copies);
  }
});

test('a saved computation restored for its own articles as stand-ins reads none of them, and goes on to what a fresh computation gives', () => {
  const { inputs, bodies } = generated(400);
  const state = deserialize(serialize(saveRelated(withMemory(inputs)))) as RelatedState;
  let reads = 0;
  const standIn = (i: number): RelatedInput => {
    const article = structuredClone(inputs[i]!);
    return {
      get url() {
        return (reads++, article.url);
      },
      get date() {
        return (reads++, article.date);
      },
      get categorySlug() {
        return (reads++, article.categorySlug);
      },
      get terms() {
        return (reads++, article.terms);
      },
      get tags() {
        return (reads++, article.tags);
      },
    };
  };
  const { memory, articles } = restoreStandIns(state, standIn);
  assert.equal(reads, 0);
  memory.inPlace = true;
  const edited = articles.slice();
  for (const i of [3, 150, 399])
    edited[i] = {
      ...inputs[i]!,
      terms: extractTerms('judul', `${bodies[i]} Warga Kampung Melayu mengungsi ke masjid Al-Ikhlas.`, []),
    };
  const lists = relateAround(edited, { count: 5 }, memory);
  const fresh = relateArticles(
    edited.map((a, i) => (a === articles[i] ? inputs[i]! : a)),
    { count: 5 },
  );
  // A list never read from the cache is undefined: unchanged, read from the state when asked for.
  const unread = lists.filter((list) => list === undefined).length;
  assert.deepEqual(
    lists.map((list, i) => list ?? relatedList(memory, i)),
    fresh,
  );
  assert.ok(reads < 400 && unread > 0, `read ${reads} times, ${unread} lists unread`);
  // Saved again, from the state it was restored from, and read back whole: the fresh lists.
  const again = deserialize(serialize(saveRelated(memory, state))) as RelatedState;
  assert.deepEqual(restoreRelated(again, edited, () => false).last!.related, fresh);
});

/** A test of computations with memory, run twice: the last computation's arrays copied, and patched in place. */
function memoryTest(name: string, body: (newMemory: () => RelatedMemory) => void): void {
  for (const inPlace of [false, true]) {
    test(`${name}${inPlace ? ' (arrays patched in place)' : ''}`, () =>
      body(() => Object.assign(new RelatedMemory(), { inPlace })));
  }
}

function withMemory(inputs: RelatedInput[]): RelatedMemory {
  const memory = new RelatedMemory();
  relateArticles(inputs, { count: 5 }, memory);
  return memory;
}
