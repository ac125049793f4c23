// `npm run build:engine`: builds engine/ (the panel's JSONPath crates) to src/core/engine/panel-engine.wasm.
// On a user's machine: plain cargo (`rustup target add wasm32-unknown-unknown` once). On our build machines,
// which cannot reach crates.io, build-engine-offline.sh builds from vendored crates: set ENGINE_VENDOR_DIR
// (or pass --offline); /work/shared/panel-oracle is the default there when it exists.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, rmSync, statSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { computeEngineSourceHash } from './engine-source-hash.mjs'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..')
const crate = join(repo, 'engine')
const out = join(repo, 'src/core/engine/panel-engine.wasm')
const target = join(crate, 'target')
const hash = computeEngineSourceHash(crate)
const ourMachinesVendor = '/work/shared/panel-oracle'
const vendorDir = process.env.ENGINE_VENDOR_DIR ?? (existsSync(join(ourMachinesVendor, 'vendor.tgz')) ? ourMachinesVendor : undefined)
const offline = process.argv.includes('--offline') || vendorDir !== undefined
const env = { ...process.env, ENGINE_SOURCE_HASH: hash, CARGO_TARGET_DIR: target }

if (offline) {
  // Cargo rewrites Cargo.lock to the vendored patch versions: build a copy so the committed lock stays the
  // panel's (crates.io) lock.
  const copy = join(target, 'offline-crate')
  rmSync(copy, { recursive: true, force: true })
  mkdirSync(copy, { recursive: true })
  for (const entry of ['Cargo.toml', 'build.rs', 'src']) cpSync(join(crate, entry), join(copy, entry), { recursive: true })
  execFileSync('bash', [join(repo, 'scripts/build-engine-offline.sh'), copy, out], {
    stdio: 'inherit',
    env: { ...env, ...(vendorDir ? { ENGINE_VENDOR_DIR: vendorDir } : {}) }
  })
} else {
  // Not --locked: engine/Cargo.lock was written from the panel's lock without crates.io at hand, so cargo
  // may complete it; commit what it writes (the source hash covers the lock).
  execFileSync('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown'], {
    cwd: crate,
    stdio: 'inherit',
    env
  })
  cpSync(join(target, 'wasm32-unknown-unknown/release/panel_engine.wasm'), out)
}
// binaryen's optimizer (an npm devDependency, so both kinds of machine run the same one) takes ~15% off the
// module: it is what keeps the engine within its 350 KB gzip budget. Same semantics; the differential
// fixtures are replayed against the optimized module.
execFileSync(
  process.execPath,
  [
    join(repo, 'node_modules/binaryen/bin/wasm-opt'),
    '-Oz',
    ...['bulk-memory', 'sign-ext', 'mutable-globals', 'nontrapping-float-to-int', 'multivalue', 'reference-types'].map(
      (f) => `--enable-${f}`
    ),
    out,
    '-o',
    out
  ],
  { stdio: 'inherit' }
)
const raw = statSync(out).size
const gzip = gzipSync(readFileSync(out), { level: 9 }).length
console.log(`${out}: ${raw} bytes, ${gzip} gzip, source hash ${hash}`)
