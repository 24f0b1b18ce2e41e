// The rebuild side of `warta dev`: one engine at a time, a batch of saves in, a rebuild event
// and its terminal lines out. The server (server.ts) serves what it builds.

import type { BuildResult } from '../build/build.js';
import { createEngine, type Engine } from '../build/engine.js';
import { loadConfig, type SiteSettings } from '../config.js';
import { error, hasErrors, type Problem } from '../errors.js';
import { formatProblem } from '../messages/format.js';
import { messages, readLang, type Lang } from '../messages/index.js';
import type { Batch } from './batcher.js';
import { show, type Paths } from './folders.js';
import type { DevServerOptions, RebuildEvent } from './options.js';

const LONGEST_TIMER = 2 ** 31 - 1;

/** What a rebuilder needs of the server around it. */
export interface RebuilderHost {
  log: (line: string) => void;
  /** The server's own address, the site's address when neither option nor config gives one. */
  baseUrl: () => string;
  /** Asks for a rebuild with a fresh engine (a held-back article fell due). */
  renew: () => void;
}

/**
 * Rebuilds on batches of saves with one engine, kept between them (its memory makes a rebuild
 * cost what the edit changed); a new engine on a config change, a renewal or after a crash.
 * Reports each rebuild on the terminal: errors every time, a warning once while it stays.
 */
export class Rebuilder {
  private engine: Engine | undefined;
  private builds = 0;
  private warned = new Set<string>();
  private dueTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: DevServerOptions,
    private readonly paths: Paths,
    /** The language of messages: `--lang`, else the config's. */
    public lang: Lang,
    private readonly host: RebuilderHost,
  ) {}

  /** Builds a batch of changes and reports it. */
  async run(batch: Batch): Promise<RebuildEvent> {
    const fresh = !this.engine || batch.renew;
    const changed = fresh || batch.everything ? undefined : [...batch.paths].sort();
    let result: BuildResult | undefined;
    let problems: Problem[];
    try {
      if (fresh) {
        await this.retire();
        const loaded = await loadConfig(this.paths.config, this.options.configRequired ?? false);
        if (loaded.problems.length) problems = loaded.problems;
        else {
          this.lang = this.options.lang ?? readLang(loaded.config.language);
          this.engine = createEngine(this.buildOptions(loaded.config));
          result = await this.engine.rebuild();
          problems = result.problems;
        }
      } else {
        result = await this.engine!.rebuild(changed);
        problems = result.problems;
      }
    } catch (e) {
      // A crashed engine may hold half-updated state: the next batch starts a fresh one.
      await this.retire().catch(() => undefined);
      result = undefined;
      problems = [error({ code: 'dev-build', params: { detail: String((e as Error).stack ?? e) } })];
    }
    const ms = Math.round(performance.now() - batch.firstAt);
    const ok = result?.ok === true && !hasErrors(problems);
    const event: RebuildEvent = { seq: ++this.builds, ok, problems, ms, changed, fresh, result };
    this.report(event);
    this.scheduleDue(result);
    return event;
  }

  /** Stops the timer of a held-back article and the engine. */
  async close(): Promise<void> {
    clearTimeout(this.dueTimer);
    await this.retire();
  }

  private async retire(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    await engine?.close();
  }

  private buildOptions(settings: SiteSettings) {
    const { options, paths } = this;
    return {
      content: paths.content,
      out: paths.out,
      templates: paths.templates,
      static: paths.static,
      config: { ...settings, baseUrl: options.baseUrl ?? settings.baseUrl ?? this.host.baseUrl() },
      clock: { now: options.now ?? Date.now(), future: options.future ?? false },
      jobs: options.jobs ?? 1,
    };
  }

  /** Without a fixed clock, a held-back article is published when it falls due. */
  private scheduleDue(result: BuildResult | undefined): void {
    if (this.options.now !== undefined || !result?.ok) return;
    clearTimeout(this.dueTimer);
    this.dueTimer = undefined;
    if (result.nextDue === undefined) return;
    const wait = Math.max(0, result.nextDue - Date.now()) + 1000;
    if (wait <= LONGEST_TIMER) this.dueTimer = setTimeout(() => this.host.renew(), wait).unref();
  }

  private report(event: RebuildEvent): void {
    const { log } = this.host;
    // Errors every time; a warning once, not again on every save while it stays.
    const warnings = new Set<string>();
    for (const p of event.problems) {
      const line = formatProblem(p, this.lang);
      if (p.severity === 'warning') warnings.add(line);
      if (p.severity === 'error' || (!this.options.quiet && !this.warned.has(line))) log(line);
    }
    if (event.result) this.warned = warnings;
    const first = event.seq === 1;
    const texts = messages(this.lang).dev;
    if (event.ok) {
      if (this.options.quiet) return;
      const { published, heldBack, drafts } = event.result!;
      log(texts.built({ first, ms: event.ms }, { published, heldBack, drafts, warnings: warnings.size }));
    } else {
      const errors = event.problems.filter((p) => p.severity === 'error').length;
      log(texts.failed({ first, ms: event.ms }, errors, show(this.paths.out)));
    }
  }
}
