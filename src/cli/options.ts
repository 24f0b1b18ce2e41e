// The options of `warta build`, `check` and `dev` (and, to name them in a usage error, those of
// `init` and `new`): one table, read once.

import { parseCommandLine } from './args.js';

/** Every option the main command line knows; `init` and `new` read theirs again on their own. */
const OPTIONS = {
  content: { type: 'string', default: 'content' },
  out: { type: 'string' },
  templates: { type: 'string' },
  static: { type: 'string' },
  config: { type: 'string' },
  'base-url': { type: 'string' },
  now: { type: 'string' },
  future: { type: 'boolean', default: false },
  clean: { type: 'boolean', default: false },
  jobs: { type: 'string' },
  port: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  title: { type: 'string' },
  url: { type: 'string' },
  category: { type: 'string' },
  byline: { type: 'string' },
  at: { type: 'string' },
  help: { type: 'boolean', default: false },
  version: { type: 'boolean', default: false },
} as const;

/** The command line read against every option. */
export function parseOptions(argv: string[]) {
  return parseCommandLine(argv, OPTIONS);
}

/** The options' values, as `build`, `check` and `dev` get them. */
export type OptionValues = ReturnType<typeof parseOptions>['values'];
