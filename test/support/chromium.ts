import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';

/** A Chromium the browser tests can launch: its path, the environment it needs, and where it came from. */
export interface FoundChromium {
  /** The executable. */
  executablePath: string;
  /** The environment to launch it with. */
  env: Record<string, string | undefined>;
  /** Which of the three places gave it, for the test's diagnostics. */
  from: string;
}

/** Debian's chromium package. */
const DEBIAN = '/usr/bin/chromium';

/**
 * Finds a Chromium, in order: `CHROMIUM_PATH`, Debian's `/usr/bin/chromium`, else the headless
 * Chromium that the devDependency @sparticuz/chromium ships inside its npm package (unpacked once
 * into the temporary folder). An explicit `CHROMIUM_PATH` that does not exist is an error, not a
 * reason to look elsewhere.
 */
export async function findChromium(): Promise<FoundChromium> {
  const named = process.env.CHROMIUM_PATH;
  if (named) {
    if (!existsSync(named)) throw new Error(`CHROMIUM_PATH names ${named}, which does not exist`);
    return { executablePath: named, env: process.env, from: `CHROMIUM_PATH (${named})` };
  }
  if (existsSync(DEBIAN)) return { executablePath: DEBIAN, env: process.env, from: DEBIAN };
  return shippedChromium();
}

/**
 * The npm-shipped browser, with the libraries (NSS, NSPR, expat) and fonts packed beside it, so
 * that it runs on a machine with no browser, no NSS and no fonts installed.
 */
async function shippedChromium(): Promise<FoundChromium> {
  const bin = fileURLToPath(new URL('../../bin/', import.meta.resolve('@sparticuz/chromium')));
  const { version } = JSON.parse(await readFile(join(bin, '..', 'package.json'), 'utf8')) as { version: string };
  const dir = join(tmpdir(), `warta-chromium-${version}`);
  if (!existsSync(join(dir, 'chromium'))) await unpack(bin, dir);
  const libraries = [join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return {
    executablePath: join(dir, 'chromium'),
    env: { ...process.env, LD_LIBRARY_PATH: libraries, FONTCONFIG_FILE: join(dir, 'fonts.conf') },
    from: `@sparticuz/chromium ${version} (${dir})`,
  };
}

/** Unpacks into a folder of its own, then renames it into place: a killed unpack leaves nothing half-made. */
async function unpack(bin: string, dir: string): Promise<void> {
  const staging = `${dir}.${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await pipeline(
      createReadStream(join(bin, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(join(staging, 'chromium'), { mode: 0o755 }),
    );
    await untar(join(bin, 'al2023.tar.br'), staging);
    await untar(join(bin, 'fonts.tar.br'), staging);
    await writeFile(
      join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${join(dir, 'fonts')}</dir><cachedir>${join(dir, 'fonts-cache')}</cachedir></fontconfig>\n`,
    );
    await rename(staging, dir);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    // Another test process unpacked it first: theirs is as good as ours.
    if (!existsSync(join(dir, 'chromium'))) throw e;
  }
}

/**
 * Extracts a Brotli-compressed tar file (a few MB) with the system's tar, from a file: a pipe
 * into tar can close (tar exits at the archive's end) before the writing stream has finished,
 * which stream.pipeline reports as a premature close.
 */
async function untar(file: string, into: string): Promise<void> {
  const tarFile = join(into, 'unpacking.tar');
  await writeFile(tarFile, brotliDecompressSync(await readFile(file)));
  await promisify(execFile)('tar', ['-xf', tarFile, '-C', into]);
  await rm(tarFile);
}
