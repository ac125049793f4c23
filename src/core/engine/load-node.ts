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
 * Where the module is: beside this file when run from sources (tsx, vitest); for a bundle (out/main,
 * out/node/chunks), the sources' copy found by walking up to the checkout, else the renderer build's
 * asset (out/renderer/assets, which a packaged app ships).
 */
export function panelEngineWasmPath(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = [join(here, WASM_NAME)]
  for (let dir = here, up = 0; up < 6; up++, dir = dirname(dir)) {
    candidates.push(join(dir, 'src/core/engine', WASM_NAME))
    candidates.push(rendererAsset(join(dir, 'renderer/assets')) ?? join(dir, 'renderer/assets', WASM_NAME))
  }
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
