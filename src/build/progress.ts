import type { Stage } from './build.js';

/** Shows a build's progress: a live line on a terminal, a few plain lines elsewhere (CI logs). */
export function progressReporter(stream: NodeJS.WriteStream): { update: (stage: Stage, done: number, total: number) => void; end: () => void } {
  const started = performance.now();
  let lastDraw = 0;
  let lastPlain = '';
  const line = (stage: Stage, done: number, total: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    return `${stage}: ${done}/${total} (${rate}/s)`;
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
        stream.write(`${done === total ? line(stage, done, total) : `${stage}: ${total} to do`}\n`);
      }
    },
    end() {
      if (stream.isTTY && lastDraw) stream.write('\r\x1b[2K');
    },
  };
}
