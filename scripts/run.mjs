// `npm run cli` / `npm run web`: runs the prebuilt bundle in out/node/, rebuilding it
// first when a source file is newer (a fresh clone, an edit), so the README's commands
// work without a build step and start fast.
import module from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { OUT_DIR, nodeBundlesStale } from './build-node.mjs'

// Node 22.1+ keeps compiled code between runs; older Node has no such cache (no-op).
module.enableCompileCache?.()

const [entry, ...args] = process.argv.slice(2)
if (entry !== 'cli' && entry !== 'web') {
  process.stderr.write('usage: node scripts/run.mjs cli|web [arguments]\n')
  process.exit(2)
}
if (nodeBundlesStale()) {
  process.stderr.write('Building the command line and browser mode (sources changed since the last build)…\n')
  const { buildNodeBundles } = await import('./build-node.mjs')
  await buildNodeBundles()
}
const bundle = join(OUT_DIR, `${entry}.js`)
// The bundle reads its arguments from process.argv as if it had been started directly.
process.argv = [process.argv[0], bundle, ...args]
await import(pathToFileURL(bundle).href)
