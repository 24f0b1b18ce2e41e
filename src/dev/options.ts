import type { BuildResult } from '../build/build.js';
import type { Problem } from '../errors.js';
import type { Lang } from '../messages/index.js';

/** What `startDevServer` needs; paths are relative to the working directory or absolute. */
export interface DevServerOptions {
  /** The archive folder. */
  content: string;
  /** The site's own templates folder, if any (watched too). */
  templates?: string;
  /** The static folder, if any (watched too). */
  static?: string;
  /** The config file (watched; a change means a new engine). Missing and not required: defaults. */
  config?: string;
  /** Whether a missing config file is an error (it was named on the command line). */
  configRequired?: boolean;
  /** The site's address, over the config's; without either, the server's own. */
  baseUrl?: string;
  /** The output folder; default `.warta-dev`. */
  out?: string;
  /** The port; default 8080, or the next free one. 0: any free port. */
  port?: number;
  /** A fixed build clock (epoch ms). Default: the current time, re-read when a held-back article falls due. */
  now?: number;
  /** Publish articles dated after the clock too. */
  future?: boolean;
  /** Build threads; default 1. */
  jobs?: number;
  /** Quiet time after a file event before rebuilding, ms; default and minimum 20. */
  debounceMs?: number;
  /** Only the URL line and errors are logged. */
  quiet?: boolean;
  /** The language of messages, over the config's `language`. */
  lang?: Lang;
  /** Where log lines go (without newline); default: stderr. */
  log?: (line: string) => void;
}

/** One finished rebuild (the first build included). */
export interface RebuildEvent {
  /** 1 for the first build, then counting up. */
  seq: number;
  /** True when the output was written without errors; false leaves the last good output served. */
  ok: boolean;
  /** Every problem, errors and warnings (config problems when the config is broken). */
  problems: Problem[];
  /** Milliseconds from the batch's first file event (or the start) to the files written. */
  ms: number;
  /** The changed paths (absolute) passed to the engine; undefined when everything was checked. */
  changed?: string[];
  /** Whether a new engine was created (start, config change, clock renewal, after a crash). */
  fresh: boolean;
  /** The engine's result; absent when the config was broken or the build threw. */
  result?: BuildResult;
}
