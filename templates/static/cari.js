// The search page's script (cari.njk): searches the index's parts with Pagefind, the newest
// parts first, a few at a time, and shows the results newest first with the page's own markup.
// Every text it shows is in the page.

const PAGE = 10;
/**
 * How many parts a search looks in first: a part costs two or three requests, so the first
 * results come after a few dozen requests however large the archive. Each step into the older
 * archive looks in twice as many parts as the step before, so a few steps reach its start.
 */
const FIRST = 8;
const form = document.querySelector('[data-cari]');
/** Pagefind's bundle, and the index's parts, newest first: each its key and its oldest and newest month (`from`, `to`). */
const where = JSON.parse(document.getElementById('cari-indeks').textContent);
const part = (name) => document.querySelector(`[data-${name}]`);
const [results, count, list, more, older, none, failed, loadingNote] = [
  'hasil',
  'jumlah',
  'daftar',
  'lagi',
  'lama',
  'kosong',
  'gagal',
  'memuat',
].map(part);
const item = part('hasil-item');

let loaded;
const instances = new Map();
/**
 * A Pagefind instance searching these parts, merged into the empty index its bundle starts
 * from; each part's articles carry its key as the filter `bagian`, so that its results can be
 * listed apart, in their order. Made once for each run of parts, and kept.
 */
function instance(parts) {
  const id = parts.map((p) => p.key).join(' ');
  if (!instances.has(id)) {
    const made = (async () => {
      loaded ??= import(`${where.bundle}pagefind.js`);
      const one = (await loaded).createInstance({ basePath: where.bundle });
      await Promise.all(
        parts.map((p) => one.mergeIndex(`${where.bundle}${p.key}/`, { mergeFilter: { bagian: p.key } })),
      );
      return one;
    })();
    made.catch(() => instances.delete(id));
    instances.set(id, made);
  }
  return instances.get(id);
}

/** Whether a part may hold articles of the year and month asked for. */
function within({ from, to }, { tahun, bulan }) {
  if (tahun && (tahun < from.slice(0, 4) || tahun > to.slice(0, 4))) return false;
  return !bulan || (bulan >= from && bulan <= to);
}

/** Text as HTML, with Pagefind's marks of the words found put back. */
function excerpt(text) {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(/&lt;(\/?)mark&gt;/g, '<$1mark>');
}

function show(data) {
  const li = item.content.firstElementChild.cloneNode(true);
  const link = li.querySelector('[data-judul]');
  link.href = data.url;
  link.textContent = data.meta.title;
  li.querySelector('[data-kategori]').textContent = data.meta.kategori;
  li.querySelector('[data-tanggal]').textContent = data.meta.tanggal;
  li.querySelector('[data-cuplikan]').innerHTML = excerpt(data.excerpt);
  list.append(li);
}

/**
 * The search on show: its words and filters, the parts it may look in (newest first) and how
 * many it has looked in, how many articles those hold, the parts with results not listed yet,
 * and the results listed but not shown yet.
 */
let now;
let round = 0;

/** The form's words and filters, as the page's address carries them too. */
function asked() {
  const fields = new FormData(form);
  const filters = {};
  for (const name of ['kategori', 'tahun', 'bulan']) if (fields.get(name)) filters[name] = fields.get(name);
  return { words: String(fields.get('q') ?? '').trim(), filters };
}

async function search() {
  const mine = ++round;
  const { words, filters } = asked();
  const address = String(new URLSearchParams([...new FormData(form)].filter(([, v]) => v)));
  history.replaceState(null, '', address ? `?${address}` : location.pathname);
  failed.hidden = true;
  more.hidden = older.hidden = true;
  if (!words) return ((results.hidden = true), (none.hidden = true));
  const parts = where.parts.filter((p) => within(p, filters));
  now = { words, filters, parts, searched: 0, step: 0, found: 0, waiting: [], ready: [], busy: Promise.resolve() };
  await searchOlder(mine);
}

/** Looks in the next run of parts, newest first, and shows the first results it finds. */
function searchOlder(mine) {
  const search = now;
  return queued(search, async () => {
    const parts = search.parts.slice(search.searched, search.searched + FIRST * 2 ** search.step);
    // Shown only while the parts' indexes are still loading.
    const slow = setTimeout(() => (loadingNote.hidden = false), 100);
    let one, found;
    try {
      one = parts.length ? await instance(parts) : undefined;
      found = one ? await one.search(search.words, { filters: search.filters }) : undefined;
    } finally {
      clearTimeout(slow);
      loadingNote.hidden = true;
    }
    if (mine !== round) return;
    if (search.step === 0) list.replaceChildren();
    const counts = found?.filters.bagian ?? {};
    for (const p of parts) if (counts[p.key]) search.waiting.push({ one, key: p.key });
    search.found += Object.values(counts).reduce((sum, n) => sum + n, 0);
    search.searched += parts.length;
    search.step++;
    tell(search);
    await showNext(search, mine);
    // How far the search has looked, once this step's results are shown (tests wait on it).
    if (mine === round) form.dataset.dicari = `${search.searched}/${search.parts.length}`;
  });
}

/** Runs one step of a search after the one before it. */
function queued(search, step) {
  search.busy = search.busy.then(step).catch((e) => {
    results.hidden = true;
    older.hidden = true;
    failed.hidden = false;
    throw e;
  });
  return search.busy;
}

/** Says how many articles were found, and since which month when the older archive is still to be searched. */
function tell(search) {
  const oldest = search.searched < search.parts.length ? search.parts[search.searched - 1]?.from : undefined;
  const month = oldest && form.elements.bulan.querySelector(`option[value="${oldest}"]`)?.textContent;
  for (const since of document.querySelectorAll('[data-sejak]')) {
    since.hidden = !month;
    since.querySelector('[data-bulan]').textContent = month || '';
  }
  count.querySelector('[data-n]').textContent = search.found.toLocaleString('id-ID');
  results.hidden = !search.found;
  none.hidden = !!search.found;
}

/** Shows the next page of results: each part's, newest first, parts in turn. */
async function showNext(search, mine) {
  while (search.ready.length < PAGE && search.waiting.length) {
    const { one, key } = search.waiting.shift();
    const filters = { ...search.filters, bagian: key };
    const found = await one.search(search.words, { filters, sort: { tanggal: 'desc' } });
    search.ready.push(...found.results);
  }
  const data = await Promise.all(search.ready.splice(0, PAGE).map((r) => r.data()));
  if (mine !== round) return;
  data.forEach(show);
  more.hidden = !search.ready.length && !search.waiting.length;
  older.hidden = !more.hidden || search.searched >= search.parts.length;
}

let timer;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(timer);
  search();
});
form.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(search, 300);
});
// Each button is hidden as it is pressed, so that a second press asks for nothing more; the step shows it again.
more.addEventListener('click', () => {
  const [search, mine] = [now, round];
  more.hidden = true;
  queued(search, () => showNext(search, mine));
});
older.addEventListener('click', () => {
  older.hidden = true;
  searchOlder(round);
});

const start = new URLSearchParams(location.search);
for (const [name, value] of start) if (form.elements[name]) form.elements[name].value = value;
if (start.get('q')) search();
// Loaded as the page opens, while the reader types: the newest parts, which a search looks in first.
else instance(where.parts.slice(0, FIRST)).catch(() => {});
