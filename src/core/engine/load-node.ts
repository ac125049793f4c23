import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppError } from '../../shared/errors'
import { compilePanelEngineSync, instantiatePanelEngine } from './panel-engine'
import type { PanelEngine } from './panel-engine'
import { setPanelEngineLoader } from './registry'

const WASM_NAME = 'panel-engine.wasm'

/** Where the module is: beside this file from sources (tsx, vitest), or in resources/ of a bundled build. */
export function panelEngineWasmPath(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = [
    join(here, WASM_NAME),
    join(here, '../../src/core/engine', WASM_NAME),
    join(process.cwd(), 'src/core/engine', WASM_NAME)
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
