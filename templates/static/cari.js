// The search page's script (cari.njk): searches the index's parts with Pagefind, merged in the
// browser, and shows each result with the page's own markup. Every text it shows is in the page.

const PAGE = 10;
const form = document.querySelector('[data-cari]');
const where = JSON.parse(document.getElementById('cari-indeks').textContent);
const part = (name) => document.querySelector(`[data-${name}]`);
const [results, count, list, more, none, failed, loadingNote] = [
  'hasil',
  'jumlah',
  'daftar',
  'lagi',
  'kosong',
  'gagal',
  'memuat',
].map(part);
const item = part('hasil-item');

let loading;
/**
 * Pagefind, with every part of the index merged into the empty one its bundle starts from.
 * Loaded as the page opens: a large archive has hundreds of parts, each a request or two,
 * which the reader's typing hides.
 */
function pagefind() {
  loading ??= (async () => {
    const found = await import(`${where.bundle}pagefind.js`);
    await found.options({ basePath: where.bundle });
    await Promise.all(where.parts.map((path) => found.mergeIndex(path)));
    return found;
  })();
  return loading;
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

let shown = [];
let round = 0;

/** Shows the next page of results. */
async function showMore() {
  const mine = round;
  const next = shown.slice(list.children.length, list.children.length + PAGE);
  const data = await Promise.all(next.map((r) => r.data()));
  if (mine !== round) return;
  data.forEach(show);
  more.hidden = list.children.length >= shown.length;
}

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
  if (!words) return ((results.hidden = true), (none.hidden = true));
  try {
    // Shown only while the index is still loading: once loaded, pagefind() settles at once.
    const slow = setTimeout(() => (loadingNote.hidden = false), 100);
    const index = await pagefind();
    clearTimeout(slow);
    loadingNote.hidden = true;
    const found = await index.search(words, { filters });
    if (mine !== round) return;
    // The bundle's own index holds one made-up word, which is no article.
    shown = found.results.filter((r) => r.id !== where.skip);
    list.replaceChildren();
    count.querySelector('[data-n]').textContent = shown.length.toLocaleString('id-ID');
    results.hidden = !shown.length;
    none.hidden = !!shown.length;
    await showMore();
  } catch (e) {
    loadingNote.hidden = true;
    results.hidden = true;
    failed.hidden = false;
    throw e;
  }
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
more.addEventListener('click', showMore);

const start = new URLSearchParams(location.search);
for (const [name, value] of start) if (form.elements[name]) form.elements[name].value = value;
if (start.get('q')) search();
else pagefind().catch(() => {});
