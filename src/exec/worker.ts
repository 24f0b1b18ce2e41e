import { parentPort, workerData } from 'node:worker_threads';
import type { ContentFile } from '../content/read.js';
import { PageRenderer, parseBatch, type ArticleTask, type RenderSetup, type TaskSetup } from './tasks.js';
import type { OutputWriter } from '../output/writer.js';
import { FolderWriter } from '../output/staging.js';

/** A message from the pool: one batch of work. */
export type WorkerRequest =
  | { id: number; kind: 'parse'; files: ContentFile[]; expected: (string | null)[] }
  | { id: number; kind: 'render-setup'; render: RenderSetup }
  | { id: number; kind: 'render'; tasks: ArticleTask[] };

const setup = workerData as TaskSetup;
let renderer: PageRenderer | undefined;
let render: { setup: RenderSetup; writer: OutputWriter } | undefined;

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.kind) {
    case 'parse':
      return parseBatch(request.files, setup, request.expected);
    case 'render-setup':
      // Kept build after build in `warta dev`: a template edited since means a theme loaded again.
      if (renderer?.themeStamp !== request.render.theme) renderer = new PageRenderer(setup);
      render = { setup: request.render, writer: new FolderWriter(request.render.folder) };
      return null;
    case 'render':
      if (!renderer || !render) throw new Error('render before render-setup');
      return renderer.renderBatch(request.tasks, render.setup.site, render.writer);
  }
}

parentPort!.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (result) => parentPort!.postMessage({ id: request.id, result }),
    (e: Error) => parentPort!.postMessage({ id: request.id, failure: e.stack ?? String(e) }),
  );
});
