import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppError } from '../../shared/errors'
import { compilePanelEngineSync, instantiatePanelEngine } from './panel-engine'
import type { PanelEngine } from './panel-engine'
import { setPanelEngineLoader } from './registry'

const WASM_NAME = 'panel-engine.wasm'

/** The renderer build's copy (`panel-engine-<hash>.wasm` in out/renderer/assets), which a packaged app ships. */
function rendererAsset(assets: string): string | null {
  try {
    const name = readdirSync(assets).find((f) => f.startsWith('panel-engine') && f.endsWith('.wasm'))
    return name ? join(assets, name) : null
  } catch {
    return null
  }
}

/**
 * Where the module is: beside this file when run from sources (tsx, vitest); for the bundled main process
 * (out/main), the sources' copy in a checkout, else the renderer build's asset (the packaged app).
 */
export function panelEngineWasmPath(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  // The prebuilt CLI/web bundles (out/node/, their chunks in out/node/chunks/) sit one or two levels deeper than out/main.
  const ups = ['..', '../..', '../../..']
  const candidates = [
    join(here, WASM_NAME),
    ...ups.map((up) => join(here, up, 'src/core/engine', WASM_NAME)),
    ...ups.map((up) => rendererAsset(join(here, up, 'renderer/assets')) ?? join(here, up, 'renderer/assets', WASM_NAME))
  ]
  const found = candidates.find((p) => existsSync(p))
  if (!found) {
    throw new AppError('engine.unavailable', `The JSONPath engine (${WASM_NAME}) was not found.`, {
      hint: 'Run `npm run build:engine`, or reinstall the assistant.',
      evidence: { details: { looked_in: candidates } }
    })
  }
  return found
}

export function loadPanelEngineSync(): PanelEngine {
  return instantiatePanelEngine(compilePanelEngineSync(readFileSync(panelEngineWasmPath())))
}

/** Node hosts (CLI, server, tests) load the engine from disk on first use. */
export function usePanelEngineFromDisk(): void {
  setPanelEngineLoader(loadPanelEngineSync)
}
