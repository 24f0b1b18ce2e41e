// `warta dev`: the dev server started, served until Ctrl-C, then closed.

import { languageOf, messages } from '../messages/index.js';
import { checkOutput } from '../output/ownership.js';
import { readBaseUrlFlag, readClock, readJobs, readLangFlag, readPort, templatesFolder, UsageError } from './args.js';
import type { OptionValues } from './options.js';
import { report } from './report.js';

/** `warta dev`: serves until SIGINT or SIGTERM, then closes the watcher and the server; 2 when it cannot start. */
export async function devCommand(values: OptionValues, err: NodeJS.WriteStream): Promise<number> {
  // Loaded here: the server and the watcher cost every other command a tenth of a second at start.
  const { DEFAULT_PORT, DEV_OUT, DevServerError, startDevServer, untilSignal } = await import('../dev/server.js');
  const places = {
    content: values.content,
    out: values.out ?? DEV_OUT,
    templates: templatesFolder(values.templates),
    static: values.static,
    config: values.config ?? 'warta.config.json',
  };
  const flagLang = readLangFlag(values.lang);
  const lang = await languageOf(flagLang, places.config);
  const refused = checkOutput(places);
  if (refused) return (report([refused], err, lang), 2);
  const options = {
    lang: flagLang,
    ...places,
    configRequired: values.config !== undefined,
    baseUrl: readBaseUrlFlag(values['base-url']),
    port: readPort(values.port, DEFAULT_PORT),
    now: values.now === undefined ? undefined : readClock(values.now),
    future: values.future,
    jobs: readJobs(values.jobs),
    quiet: values.quiet,
    log: (line: string) => void err.write(`${line}\n`),
  };
  let server;
  try {
    server = await startDevServer(options);
  } catch (e) {
    if (!(e instanceof DevServerError)) throw e;
    if ('code' in e.reason) throw new UsageError(e.reason.code, e.reason.params);
    return (report([e.reason.problem], err, lang), 2);
  }
  await untilSignal();
  err.write(`${messages(lang).cli.stopping}\n`);
  await server.close();
  return 0;
}
