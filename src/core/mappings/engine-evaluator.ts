// The one place the mapping features reach the engine: evaluation is the panel's code, compiled
// to WebAssembly, never a second implementation here.
export { evaluateMappings, serverPermissions } from '../engine/mappings'
