import { usePanelEngineFromDisk } from '../../src/core/engine/load-node'

// Tests run on Node: the panel's engine loads from src/core/engine/panel-engine.wasm on first use.
usePanelEngineFromDisk()
