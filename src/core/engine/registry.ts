import { AppError } from '../../shared/errors'
import type { PanelEngine } from './panel-engine'

/**
 * The one loaded engine of this process or worker. Node entry points load it from disk before first use
 * (load-node.ts); the Claims worker sets it once its asset has loaded. Code that judges a path asks here.
 */
let engine: PanelEngine | null = null
let loader: (() => PanelEngine) | null = null

export function setPanelEngine(loaded: PanelEngine): void {
  engine = loaded
}

/** Lets a host load the engine lazily on first use (Node registers a synchronous disk loader). */
export function setPanelEngineLoader(load: () => PanelEngine): void {
  loader = load
}

export function hasPanelEngine(): boolean {
  return engine !== null || loader !== null
}

export function panelEngine(): PanelEngine {
  if (engine) return engine
  if (loader) {
    engine = loader()
    return engine
  }
  throw new AppError('engine.unavailable', 'The JSONPath engine is not loaded yet.', {
    hint: 'It loads in the background; try again in a moment.'
  })
}
