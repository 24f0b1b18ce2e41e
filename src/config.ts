import { readFile } from 'node:fs/promises';
import { error, type Problem } from './errors.js';

/** A category the site declares: its slug, display name and place in the navigation. */
export interface CategoryConfig {
  /** URL segment, e.g. `international`. */
  slug: string;
  /** Name shown to readers, e.g. `Internasional`. */
  name: string;
}

/** Site settings from `warta.config.json`, with defaults filled in. */
export interface SiteConfig {
  /** Site name shown in the masthead and titles. */
  title: string;
  /** Short line under the masthead. */
  tagline: string;
  /** Absolute base URL of the deployed site, without trailing slash (feeds, canonical links). */
  baseUrl: string;
  /** Language tag of the pages, e.g. `id`; `en…` also makes warta's messages English. */
  language: string;
  /** Declared categories in navigation order; others follow, ordered by name. */
  categories: CategoryConfig[];
  /** Stories per category index page. */
  pageSize: number;
  /** Stories on the home page's latest list. */
  homeSize: number;
  /** Related stories per article ("Berita Lainnya"). */
  relatedCount: number;
  /** Newest stories in each feed. */
  feedSize: number;
  /** What a feed item carries: the summary, or the whole body too. */
  feedContent: 'summary' | 'full';
  /** Whether `warta build` makes the search index and the search page (`/cari/`). */
  search: boolean;
  /** Image shared for pages without a raster lead photo (Open Graph, JSON-LD): a site path or an http(s) URL. */
  shareImage: string;
  /** The publisher's logo (JSON-LD): a site path or an http(s) URL. */
  logo: string;
  /** Browser UI colour (`theme-color`), a hex colour. */
  themeColor: string;
  /** Hosts whose iframes may appear in article bodies. */
  iframeHosts: string[];
  /** Largest accepted article file, in bytes. */
  maxArticleBytes: number;
  /** Links in every page's footer, e.g. to the static pages. */
  footerLinks: LinkConfig[];
  /** Front matter fields outside the contract that the templates use; any other unknown field is a warning. */
  extraFields: string[];
}

/** A link the config adds to the site, e.g. in the footer. */
export interface LinkConfig {
  /** Text shown, e.g. `Tentang Kami`. */
  name: string;
  /** A site path (`/tentang-kami/`) or an http(s) URL. */
  url: string;
}

/**
 * Site settings as the config file gives them: `baseUrl` may be missing, since only the command
 * knows what stands in for it (`warta build` requires one, `warta dev` serves at its own).
 */
export type SiteSettings = Omit<SiteConfig, 'baseUrl'> & { baseUrl?: string };

/** Defaults, used for every field the config file leaves out; `baseUrl` has none. */
export const defaults = {
  title: 'Warta',
  tagline: 'Berita terkini dan arsip lengkap',
  language: 'id',
  categories: [] as CategoryConfig[],
  pageSize: 20,
  homeSize: 20,
  relatedCount: 8,
  feedSize: 50,
  feedContent: 'summary' as 'summary' | 'full',
  search: true,
  shareImage: '/assets/share.png',
  logo: '/assets/logo.png',
  themeColor: '#a3121a',
  iframeHosts: [
    'www.youtube.com',
    'www.youtube-nocookie.com',
    'player.vimeo.com',
    'www.dailymotion.com',
    'www.facebook.com',
    'platform.twitter.com',
    'open.spotify.com',
  ],
  maxArticleBytes: 1024 * 1024,
  footerLinks: [] as LinkConfig[],
  extraFields: [] as string[],
} satisfies Omit<SiteConfig, 'baseUrl'>;

/** The config file's result: its settings, or the problems that stop the build. */
export interface LoadedConfig {
  config: SiteSettings;
  problems: Problem[];
}

/** An absolute http(s) URL without its trailing slashes, or undefined when `value` is none. */
export function readBaseUrl(value: unknown): string | undefined {
  return typeof value === 'string' && /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(value)
    ? value.replace(/\/+$/, '')
    : undefined;
}

/** Reads a config file; a missing optional file means all defaults. */
export async function loadConfig(file: string | undefined, required: boolean): Promise<LoadedConfig> {
  if (!file) return { config: { ...defaults }, problems: [] };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (!required && (e as NodeJS.ErrnoException).code === 'ENOENT') {
      return { config: { ...defaults }, problems: [] };
    }
    return {
      config: { ...defaults },
      problems: [error({ code: 'config-read', file, params: { detail: (e as Error).message } })],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return {
      config: { ...defaults },
      problems: [error({ code: 'config-json', file, params: { detail: (e as Error).message } })],
    };
  }
  return parseConfig(data, file);
}

/** Validates config data against the SiteConfig shape. */
export function parseConfig(data: unknown, file: string): LoadedConfig {
  const problems: Problem[] = [];
  const config: SiteSettings = { ...defaults };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { config, problems: [error({ code: 'config-shape', file })] };
  }
  const bad = (field: string, expected: ConfigExpected, got: unknown) =>
    problems.push(
      error({ code: 'config-field', file, field, params: { expected, value: String(JSON.stringify(got)) } }),
    );
  for (const [key, value] of Object.entries(data)) {
    switch (key) {
      case 'title':
      case 'tagline':
      case 'language':
        if (typeof value === 'string' && value.trim()) config[key] = value.trim();
        else bad(key, 'text', value);
        break;
      case 'shareImage':
      case 'logo':
        if (typeof value === 'string' && /^(\/(?!\/)|https?:\/\/)\S+$/i.test(value) && !/\.svg$/i.test(value))
          config[key] = value;
        else bad(key, 'raster', value);
        break;
      case 'search':
        if (typeof value === 'boolean') config.search = value;
        else bad(key, 'boolean', value);
        break;
      case 'feedContent':
        if (value === 'summary' || value === 'full') config.feedContent = value;
        else bad(key, 'feed-content', value);
        break;
      case 'themeColor':
        if (typeof value === 'string' && /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(value)) config[key] = value;
        else bad(key, 'colour', value);
        break;
      case 'baseUrl':
        config.baseUrl = readBaseUrl(value);
        if (config.baseUrl === undefined) bad(key, 'url', value);
        break;
      case '$schema':
        // Names the JSON Schema for editors; warta checks the file itself.
        if (typeof value !== 'string') bad(key, 'string', value);
        break;
      case 'pageSize':
      case 'homeSize':
      case 'relatedCount':
      case 'feedSize':
      case 'maxArticleBytes':
        if (Number.isInteger(value) && (value as number) >= (key === 'relatedCount' ? 0 : 1))
          config[key] = value as number;
        else bad(key, 'count', value);
        break;
      case 'iframeHosts':
        if (Array.isArray(value) && value.every((h) => typeof h === 'string' && /^[a-z0-9.-]+$/i.test(h)))
          config.iframeHosts = value.map((h: string) => h.toLowerCase());
        else bad(key, 'hosts', value);
        break;
      case 'extraFields':
        if (Array.isArray(value) && value.every((f) => typeof f === 'string' && /^[^\s#:'"-](?:[^:]*[^\s:])?$/.test(f)))
          config.extraFields = [...value];
        else bad(key, 'fields', value);
        break;
      case 'categories':
        config.categories = parseCategories(value, (expected, got) => bad(key, expected, got));
        break;
      case 'footerLinks':
        if (Array.isArray(value) && value.every(isLink))
          config.footerLinks = value.map((l: LinkConfig) => ({ name: l.name.trim(), url: l.url }));
        else bad(key, 'links', value);
        break;
      default:
        problems.push(error({ code: 'config-unknown', file, field: key }));
    }
  }
  return { config, problems };
}

/** A link: exactly a non-empty name and a site path or http(s) URL. */
function isLink(item: unknown): item is LinkConfig {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const { name, url, ...rest } = item as Record<string, unknown>;
  return (
    typeof name === 'string' &&
    /\S/.test(name) &&
    typeof url === 'string' &&
    /^(\/(?!\/)|https?:\/\/)\S*$/.test(url) &&
    !Object.keys(rest).length
  );
}

/** What a config value should have been, named for the message tables. */
type ConfigExpected =
  | 'text'
  | 'url'
  | 'string'
  | 'count'
  | 'hosts'
  | 'categories'
  | 'category'
  | 'fields'
  | 'links'
  | 'raster'
  | 'feed-content'
  | 'colour'
  | 'boolean';

function parseCategories(value: unknown, bad: (expected: ConfigExpected, got: unknown) => void): CategoryConfig[] {
  if (!Array.isArray(value)) {
    bad('categories', value);
    return [];
  }
  const out: CategoryConfig[] = [];
  for (const item of value) {
    const { slug, name, ...rest } = (item ?? {}) as Record<string, unknown>;
    // Another key is most likely a misspelt one: refused, as the schema refuses it.
    if (
      typeof slug === 'string' &&
      /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) &&
      typeof name === 'string' &&
      name.trim() &&
      !Object.keys(rest).length
    ) {
      out.push({ slug, name: name.trim() });
    } else {
      bad('category', item);
    }
  }
  return out;
}
