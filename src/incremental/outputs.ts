import type { PagePlan } from '../render/plan.js';
import type { CachedOutput } from './cache.js';

/**
 * Output files' cache entries by place in a build's plan. In one process (`warta dev`) the
 * plan keeps its unchanged files' plans as the same objects build after build, and the cache's
 * map of outputs is brought up to date in place, so a plan found at the same place as last
 * time has the entry it had: looked up by place, not by path (at 10,000 files a pass of map
 * lookups costs milliseconds).
 */
export class OutputMemory {
  private outputs?: ReadonlyMap<string, CachedOutput>;
  private plan: readonly PagePlan[] = [];
  private entries: readonly (CachedOutput | undefined)[] = [];

  /** Remembers the entries a committed build left in `outputs` (each made for its plan's signature, or none). */
  keep(
    outputs: ReadonlyMap<string, CachedOutput>,
    plan: readonly PagePlan[],
    entries: readonly (CachedOutput | undefined)[],
  ): void {
    [this.outputs, this.plan, this.entries] = [outputs, plan, entries];
  }

  /**
   * Each planned file's entry in `outputs`, and the places of the files whose entry is missing
   * or was made for another signature (to be produced), by place in `plan`, a part of the whole
   * plan beginning at `start`. A plan found where it was at the last commit has the entry that
   * commit kept, made for its signature.
   */
  entriesOf(
    plan: readonly PagePlan[],
    outputs: ReadonlyMap<string, CachedOutput>,
    start = 0,
  ): { entries: (CachedOutput | undefined)[]; stale: number[] } {
    const same = this.outputs === outputs;
    const entries = new Array<CachedOutput | undefined>(plan.length);
    const stale: number[] = [];
    for (let i = 0; i < plan.length; i++) {
      const p = plan[i]!;
      const kept = same && p === this.plan[start + i];
      const entry = (entries[i] = kept ? this.entries[start + i] : outputs.get(p.path));
      if (kept ? !entry : entry?.sig !== p.sig) stale.push(i);
    }
    return { entries, stale };
  }
}

/**
 * The map of outputs after a build: `last`'s map brought up to date in place, when the caller
 * allows it (it replaces that map) and the build's files are the very paths `last` had (each
 * planned file was in it, and it held no other); else a new map.
 */
export function nextOutputs(
  plan: readonly PagePlan[],
  entries: readonly (CachedOutput | undefined)[],
  updated: Iterable<number>,
  last: Map<string, CachedOutput> | undefined,
  kept: number,
): Map<string, CachedOutput> {
  if (last && kept === plan.length && kept === last.size) {
    for (const i of updated) {
      const entry = entries[i];
      if (entry) last.set(plan[i]!.path, entry);
      else last.delete(plan[i]!.path);
    }
    return last;
  }
  const outputs = new Map<string, CachedOutput>();
  plan.forEach((p, i) => entries[i] && outputs.set(p.path, entries[i]!));
  return outputs;
}
