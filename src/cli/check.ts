// `warta check`: the build pipeline with nothing written; problems go to stdout as text, JSON or
// GitHub annotations, the summary line to stderr.

import { check, problemsGithub, problemsJson } from '../build/check.js';
import { progressReporter } from '../build/progress.js';
import { loadConfig } from '../config.js';
import { hasErrors, type Problem } from '../errors.js';
import { formatProblem } from '../messages/format.js';
import { readLang } from '../messages/index.js';
import { readBaseUrlFlag, readClock, readJobs, readLangFlag, templatesFolder, UsageError } from './args.js';
import type { OptionValues } from './options.js';
import { checkSummary } from './report.js';

/** `warta check`: 0 no errors, 1 errors, 2 config errors. */
export async function checkCommand(
  values: OptionValues,
  out: NodeJS.WriteStream,
  err: NodeJS.WriteStream,
): Promise<number> {
  if (values.out !== undefined) throw new UsageError('check-out');
  if (values.port !== undefined) throw new UsageError('only-for', { option: '--port', command: 'dev' });
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'github')
    throw new UsageError('format', { value: JSON.stringify(format) });
  const flagLang = readLangFlag(values.lang);
  let lang = flagLang ?? 'id';
  const print = (problems: readonly Problem[]) =>
    out.write(
      format === 'json'
        ? problemsJson(problems, lang)
        : format === 'github'
          ? problemsGithub(problems, lang)
          : problems.map((p) => `${formatProblem(p, lang)}\n`).join(''),
    );
  const { config: settings, problems } = await loadConfig(
    values.config ?? 'warta.config.json',
    values.config !== undefined,
  );
  if (problems.length) return (print(problems), 2);
  lang = flagLang ?? readLang(settings.language);
  // Checking writes nothing: without an address, one that no link can name stands in.
  const config = {
    ...settings,
    baseUrl: readBaseUrlFlag(values['base-url']) ?? settings.baseUrl ?? 'https://base-url.invalid',
  };
  const clock = { now: readClock(values.now), future: values.future };
  const progress = values.quiet ? undefined : progressReporter(err, lang);
  const result = await check({
    content: values.content,
    templates: templatesFolder(values.templates),
    static: values.static,
    config,
    clock,
    jobs: readJobs(values.jobs),
    progress: progress?.update,
  });
  progress?.end();
  print(result.problems);
  if (!values.quiet || !result.ok) err.write(`${checkSummary(result, lang)}\n`);
  return hasErrors(result.problems) ? 1 : 0;
}
