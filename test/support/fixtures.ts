import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildResult } from '../../src/build/build.js';
import { defaults, loadConfig, type SiteConfig } from '../../src/config.js';
import { formatProblem } from '../../src/messages/format.js';
import { readLang } from '../../src/messages/index.js';
import { MemoryWriter } from '../../src/output/writer.js';
import { parseTimestamp } from '../../src/time.js';

/** The repository root (tests run from lib/test/…). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The fixture folder of a behaviour. */
export function fixturePath(name: string): string {
  return join(ROOT, 'test', 'fixtures', name);
}

/** The address test sites are built for where their config names none. */
export const BASE_URL = 'https://warta.example';

/** The defaults with an address: what a test builds with when the config does not matter. */
export const TEST_CONFIG: SiteConfig = { ...defaults, baseUrl: BASE_URL };

/** A test site's config file, with BASE_URL where it names no address (as `--base-url` would give). */
export async function siteConfig(file: string): Promise<SiteConfig> {
  const { config, problems } = await loadConfig(file, false);
  if (problems.length) throw new Error(problems.map((p) => formatProblem(p, 'en')).join('\n'));
  return { ...config, baseUrl: config.baseUrl ?? BASE_URL };
}

/** Options a fixture may set in its `options.json`. */
interface FixtureOptions {
  now?: string;
  future?: boolean;
}

/** Builds a fixture site in memory, as `warta build` would with its options. */
export async function buildFixture(
  name: string,
  jobs = 1,
): Promise<{ result: BuildResult; writer: MemoryWriter; errors: string }> {
  const dir = fixturePath(name);
  const options: FixtureOptions = existsSync(join(dir, 'options.json'))
    ? JSON.parse(await readFile(join(dir, 'options.json'), 'utf8'))
    : {};
  const config = await siteConfig(join(dir, 'warta.config.json'));
  const now = options.now ? parseTimestamp(options.now) : { ok: true as const, instant: Date.UTC(2026, 0, 1) };
  if (!now.ok) throw new Error(`bad now in ${name}`);
  const writer = new MemoryWriter();
  const cwd = process.cwd();
  // Messages name files relative to the working directory: build from the fixture's folder.
  process.chdir(dir);
  try {
    const result = await build({
      content: 'content',
      out: 'unused',
      templates: existsSync(join(dir, 'templates')) ? 'templates' : undefined,
      static: existsSync(join(dir, 'static')) ? 'static' : undefined,
      config,
      clock: { now: now.instant, future: options.future ?? false },
      jobs,
      writer,
    });
    return {
      result,
      writer,
      errors:
        result.problems.map((p) => formatProblem(p, readLang(config.language))).join('\n') +
        (result.problems.length ? '\n' : ''),
    };
  } finally {
    process.chdir(cwd);
  }
}

/** When set, fixtures' expected output is rewritten from what the build produces. */
export const UPDATE = process.env.WARTA_UPDATE_FIXTURES === '1';

/** Every file under a folder, relative, with forward slashes, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/**
 * Whether an output file is kept in a fixture's expected folder: the search index's files are
 * Pagefind's (its script, WebAssembly and compressed index, which change with its version),
 * not warta's; test/e2e/search.test.ts holds them to a clean build instead.
 */
export function isExpected(path: string): boolean {
  return !path.startsWith('pagefind/');
}

/** Rewrites a fixture's expected folder from a build's output. */
export async function writeExpected(name: string, writer: MemoryWriter): Promise<void> {
  const dir = join(fixturePath(name), 'expected');
  await rm(dir, { recursive: true, force: true });
  for (const [path, data] of writer.files) {
    if (!isExpected(path)) continue;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), data);
  }
}
