#!/usr/bin/env node
import { main } from '../lib/src/cli.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
