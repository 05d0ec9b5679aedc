#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { runCli } from './run-cli';

// The `etiquette` command: wires the process streams to the CLI and exits with its code.
runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
}).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
