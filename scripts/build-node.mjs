// Builds the prebuilt Node bundles of the CLI and browser mode (out/node/), so that
// `npm run cli` and `npm run web` start without transpiling (tsx is for development).
// Plain JavaScript: it must run before anything is built.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const OUT_DIR = join(ROOT, 'out', 'node')
const STAMP = '.built'

/** Entry points: out/node/<name>.js. */
const ENTRIES = { cli: 'src/cli/bin.ts', web: 'src/web/start.ts' }

/** What the bundles are made of (the packages too: they are bundled): a change to any of these makes them stale. */
const SOURCES = ['src/cli', 'src/core', 'src/shared', 'src/web', 'package.json', 'package-lock.json', 'scripts/build-node.mjs']

function newestMtime(path) {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)))
  return newest
}

/** True when out/node is missing or older than a source file. */
export function nodeBundlesStale() {
  let builtAt
  try {
    builtAt = statSync(join(OUT_DIR, STAMP)).mtimeMs
  } catch {
    return true
  }
  return SOURCES.some((s) => newestMtime(join(ROOT, s)) > builtAt)
}

/**
 * Bundles each entry with its own code split into chunks, so a dynamic import (a CLI
 * command) loads its modules, and the packages they use, only when it runs. Built aside
 * and renamed into place: a run that starts while
 * another builds never sees half a bundle.
 */
export async function buildNodeBundles() {
  const { build } = await import('esbuild')
  const tmp = `${OUT_DIR}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages are bundled too: resolving and loading zod's hundreds of files (and
    // yaml's CommonJS) costs more start-up than everything else. A CommonJS package
    // bundled into ESM gets a require() for Node's built-ins from the banner.
    external: ['electron'],
    banner: { js: "import { createRequire as __cjsRequire } from 'node:module'; const require = __cjsRequire(import.meta.url);" },
    chunkNames: 'chunks/[name]-[hash]',
    // Minified: less to parse at every start (the source map keeps stack traces readable).
    minify: true,
    sourcemap: 'linked',
    logLevel: 'warning'
  })
  writeFileSync(join(tmp, STAMP), new Date().toISOString())
  mkdirSync(join(ROOT, 'out'), { recursive: true })
  rmSync(OUT_DIR, { recursive: true, force: true })
  try {
    renameSync(tmp, OUT_DIR)
  } catch (err) {
    // Another run built and moved its copy in first: use that one.
    rmSync(tmp, { recursive: true, force: true })
    if (nodeBundlesStale()) throw err
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildNodeBundles()
}
