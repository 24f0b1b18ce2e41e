// The HTTP side of `warta dev` that knows no build: replies, events, the port, the host check.

import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MessageParams, Problem } from '../errors.js';
import type { UsageCode } from '../messages/index.js';

/** The address `warta dev` listens on: this machine only. */
export const HOST = '127.0.0.1';
const PORT_TRIES = 20;

/** A reason the dev server cannot start (a refused output folder, no free port): the CLI's exit code 2. */
export class DevServerError extends Error {
  constructor(
    /** The refused output folder's problem, or a usage error's code and values: the CLI words either. */
    readonly reason: { problem: Problem } | { code: UsageCode; params: MessageParams },
  ) {
    super('problem' in reason ? reason.problem.code : reason.code);
  }
}

/** Resolves on SIGINT or SIGTERM, with the signal; the handlers are removed again. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      done(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** Headers of every reply: never cached (pages change with every save), types never guessed. */
export const HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

/** Replies with a whole body. */
export function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

/** One Server-Sent Event. */
export function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Listens on the port, or the next free one (up to 20 tries); port 0 lets the system choose. */
export async function listen(server: Server, first: number): Promise<number> {
  for (let port = first; ; port++) {
    try {
      await new Promise<void>((done, fail) => {
        server.once('error', fail);
        server.listen(port, HOST, () => {
          server.off('error', fail);
          done();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && first !== 0 && port < Math.min(first + PORT_TRIES - 1, 65535)) continue;
      throw new DevServerError(
        code === 'EADDRINUSE'
          ? { code: 'port-in-use', params: { host: HOST, port, first } }
          : { code: 'listen', params: { host: HOST, port, detail: (e as Error).message } },
      );
    }
  }
}

/** Whether a Host header names this machine (or is absent, as from HTTP/1.0 clients). */
export function localHost(host: string | undefined): boolean {
  if (!host) return true;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
  return ['127.0.0.1', 'localhost', '[::1]'].includes(name.toLowerCase());
}
