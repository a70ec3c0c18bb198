#!/usr/bin/env node
// The published entry point: the compiled CLI (npm run build puts it in dist/).
import { runCli } from '../dist/src-main/cli/main.js';

runCli(process.argv).then((code) => {
  if (code !== 0) process.exit(code);
});
