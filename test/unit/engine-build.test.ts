import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { panelEngine } from '../../src/core/engine/registry'
import { computeEngineSourceHash } from '../../scripts/engine-source-hash.mjs'

describe('the committed engine module', () => {
  it('was built from the engine sources, Cargo.toml and Cargo.lock in the repository', () => {
    const sources = computeEngineSourceHash(fileURLToPath(new URL('../../engine', import.meta.url)))
    // A mismatch means engine/ changed but src/core/engine/panel-engine.wasm was not rebuilt: run `npm run build:engine`.
    expect(panelEngine().info().source_hash).toBe(sources)
  })
})
