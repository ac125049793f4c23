import { usePanelEngineFromDisk } from '../engine/load-node'
import type { MappingEvalInput, MappingEvalResult } from '../engine/mapping-types'
import { evaluateMappings as evaluateInEngine, serverPermissions as enginePermissions } from '../engine/mappings'
import { hasPanelEngine } from '../engine/registry'

// The one place the mapping features reach the engine: evaluation is the panel's code, compiled
// to WebAssembly, never a second implementation here. Node hosts (CLI, web server, Electron main)
// load the module from disk on first use unless their entry point already registered it.
function ensureEngine(): void {
  if (!hasPanelEngine()) usePanelEngineFromDisk()
}

export function evaluateMappings(input: MappingEvalInput): Promise<MappingEvalResult> {
  ensureEngine()
  return evaluateInEngine(input)
}

export function serverPermissions(): string[] {
  ensureEngine()
  return enginePermissions()
}
