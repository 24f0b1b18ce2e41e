import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { lookup } from '../../src/dev/static.js';
import { findChromium } from './chromium.js';

/** A built site served as a static host serves it, counting what it serves. */
export interface StaticSite {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The paths asked for since the last `reset`, in order, each with the bytes sent. */
  served: { path: string; bytes: number }[];
  reset(): void;
  close(): Promise<void>;
}

/** Serves the output folder `dir` on a free local port: its files, its redirects, and 404 for the rest. */
export async function serveSite(dir: string): Promise<StaticSite> {
  let served: { path: string; bytes: number }[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    void lookup(dir, path).then((found) => {
      if (found.kind === 'file') {
        served.push({ path, bytes: found.size });
        res.writeHead(200, { 'content-type': found.type });
        createReadStream(found.abs).pipe(res);
      } else if (found.kind === 'redirect') res.writeHead(301, { location: found.location }).end();
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get served() {
      return served;
    },
    reset: () => void (served = []),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A headless Chromium (see chromium.ts for where it comes from). */
export async function launchChromium(): Promise<Browser> {
  const found = await findChromium();
  return chromium.launch({
    executablePath: found.executablePath,
    env: found.env,
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}
