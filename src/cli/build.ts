// `warta build`: the output folder checked, the config read, the site built, its problems and
// summary line printed.

import { build } from '../build/build.js';
import { progressReporter } from '../build/progress.js';
import { loadConfig } from '../config.js';
import { hasErrors } from '../errors.js';
import { readLang } from '../messages/index.js';
import { checkOutput } from '../output/ownership.js';
import { readBaseUrlFlag, readClock, readJobs, readLangFlag, templatesFolder, UsageError } from './args.js';
import type { OptionValues } from './options.js';
import { report, summary } from './report.js';

/** `warta build`: 0 built, 1 content or template errors, 2 a refused output folder or config errors. */
export async function buildCommand(values: OptionValues, err: NodeJS.WriteStream): Promise<number> {
  if (values.port !== undefined) throw new UsageError('only-for', { option: '--port', command: 'dev' });
  const outDir = values.out ?? 'dist';
  const configFile = values.config ?? 'warta.config.json';
  const templates = templatesFolder(values.templates);
  const refused = checkOutput({
    out: outDir,
    content: values.content,
    templates,
    static: values.static,
    config: configFile,
  });
  const flagLang = readLangFlag(values.lang);
  if (refused) return (report([refused], err, flagLang ?? 'id'), 2);
  const { config: settings, problems } = await loadConfig(configFile, values.config !== undefined);
  if (problems.length) return (report(problems, err, flagLang ?? 'id'), 2);
  const lang = flagLang ?? readLang(settings.language);
  const baseUrl = readBaseUrlFlag(values['base-url']) ?? settings.baseUrl;
  if (baseUrl === undefined) throw new UsageError('base-url-missing', { config: configFile });
  const config = { ...settings, baseUrl };
  const progress = values.quiet ? undefined : progressReporter(err, lang);
  const result = await build({
    content: values.content,
    out: outDir,
    templates,
    static: values.static,
    config,
    clock: { now: readClock(values.now), future: values.future },
    jobs: readJobs(values.jobs),
    cache: values.clean ? 'clean' : 'use',
    progress: progress?.update,
  });
  progress?.end();
  report(result.problems, err, lang);
  if (!values.quiet || !result.ok) err.write(`${summary(result, outDir, lang)}\n`);
  return hasErrors(result.problems) ? 1 : 0;
}
