// The rebuild scheduling of `warta dev`: file events in, one rebuild at a time out.

/**
 * chokidar drops a file's `change` events for 50 ms after one it emitted. A raw event for a
 * file within that window (plus a margin) counts as a change of its own, so a write landing
 * after its rebuild started is never missed.
 */
const THROTTLE_MS = 50 + 30;

/** What one change asks for. */
export type Change = { kind: 'file'; path: string } | { kind: 'tree' } | { kind: 'renew' };

/** Changes gathered into one rebuild. */
export interface Batch {
  paths: Set<string>;
  /** Check everything (no `changed` hint). */
  everything: boolean;
  /** Reload the config and create a new engine. */
  renew: boolean;
  /** performance.now() of the first event. */
  firstAt: number;
}

/**
 * Gathers changes into batches and runs them one at a time: a batch starts once the watched
 * files have been quiet for `delay` ms, never while another is running; changes arriving
 * during a run make exactly one more batch afterwards.
 */
export class Batcher {
  private batch: Batch | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** When each file's last change event came, while chokidar may still be dropping its next ones. */
  private readonly changedAt = new Map<string, number>();

  constructor(
    private readonly run: (batch: Batch) => Promise<void>,
    private readonly delay: number,
  ) {}

  /** A change, seen at `at` (performance.now() on this thread's clock); `now` skips the quiet time. */
  add(change: Change, now = false, at = performance.now()): void {
    if (this.stopped) return;
    const b = (this.batch ??= { paths: new Set(), everything: false, renew: false, firstAt: at });
    if (change.kind === 'file') (b.paths.add(change.path), this.changedAt.set(change.path, at));
    else if (change.kind === 'tree') b.everything = true;
    else b.renew = true;
    if (!this.running) this.arm(now ? 0 : this.delay);
  }

  /**
   * Something is still being written (a raw file-system event, which chokidar may not turn into
   * an event of its own, seen at `at`), at one of `paths`: a file whose change chokidar emitted
   * within its throttle window changed again; otherwise a waiting batch waits on.
   */
  stir(paths: readonly string[], at = performance.now()): void {
    // Judged by when the events came, not when this thread got to them (a rebuild may have kept it busy).
    for (const [path, changed] of this.changedAt) if (at - changed > THROTTLE_MS) this.changedAt.delete(path);
    const again = paths.filter((p) => this.changedAt.has(p));
    if (again.length) for (const path of again) this.add({ kind: 'file', path });
    else if (this.batch && !this.running && !this.stopped && this.timer) this.arm(this.delay);
  }

  /** True while a build runs or changes wait for one. */
  get busy(): boolean {
    return !!this.running || !!this.batch;
  }

  /** Resolves when the running build (if any) has finished. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** No more batches; waits for the running one. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.batch = undefined;
    await this.running;
  }

  private arm(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), delay);
  }

  private flush(): void {
    this.timer = undefined;
    const batch = this.batch;
    if (this.running || this.stopped || !batch) return;
    this.batch = undefined;
    this.running = this.run(batch).finally(() => {
      this.running = undefined;
      if (this.batch && !this.stopped) this.arm(this.delay);
    });
  }
}
