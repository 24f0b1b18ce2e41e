import { messages, type Lang } from '../messages/index.js';
import type { Stage } from './options.js';

/** Shows a build's progress in `lang`: a live line on a terminal, a few plain lines elsewhere (CI logs). */
export function progressReporter(
  stream: NodeJS.WriteStream,
  lang: Lang,
): {
  update: (stage: Stage, done: number, total: number) => void;
  end: () => void;
} {
  const started = performance.now();
  let lastDraw = 0;
  let lastPlain = '';
  const texts = messages(lang).cli;
  const line = (stage: Stage, done: number, total: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    return texts.progress(texts.stages[stage], done, total, rate);
  };
  return {
    update(stage, done, total) {
      if (stream.isTTY) {
        const now = performance.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        stream.write(`\r\x1b[2K${line(stage, done, total)}`);
        return;
      }
      // In a log, one line when a stage starts and one when it ends is plenty.
      const mark = done === total ? `${stage} done` : `${stage} started`;
      if (mark !== lastPlain && (done === total || !lastPlain.startsWith(stage))) {
        lastPlain = mark;
        stream.write(`${done === total ? line(stage, done, total) : texts.started(texts.stages[stage], total)}\n`);
      }
    },
    end() {
      if (stream.isTTY && lastDraw) stream.write('\r\x1b[2K');
    },
  };
}

/** Times stages: each lap closes the stage that just ran, adding to its time (a quick path given up on, then the full path, both read and parse). */
export function stageTimer() {
  const stages = { read: 0, parse: 0, model: 0, related: 0, render: 0, search: 0, write: 0 } as Record<Stage, number>;
  let last = performance.now();
  return {
    stages,
    lap(stage: Stage) {
      const now = performance.now();
      stages[stage] += (now - last) / 1000;
      last = now;
    },
  };
}

export type StageTimer = ReturnType<typeof stageTimer>;
