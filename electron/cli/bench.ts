import { benchSync } from './bench-sync.js';
import { benchStatements } from './bench-statements.js';

/**
 * `npm run bench`: performance figures, printed (never asserted by tests). Each part prints its
 * own table; targets are printed beside the figures.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  console.log(`LeanSoft Companion benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
  if (!only || only === 'sync') await benchSync();
  if (!only || only === 'statements') await benchStatements();
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
