#!/usr/bin/env node
// Entry point of the `msgview` command (`npx msgview …` from the checkout). The CLI is TypeScript;
// tsx compiles it on the fly so the command works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./msgview.ts');
process.exitCode = await main(process.argv.slice(2));
