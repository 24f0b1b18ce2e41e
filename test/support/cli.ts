import { PassThrough } from 'node:stream';
import { main } from '../../src/cli.js';

/** Runs the CLI in a folder, capturing what it prints. */
export async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (d) => (chunks.out += d));
  err.on('data', (d) => (chunks.err += d));
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(args, out as unknown as NodeJS.WriteStream, err as unknown as NodeJS.WriteStream);
    return { code, ...chunks };
  } finally {
    process.chdir(previous);
  }
}
