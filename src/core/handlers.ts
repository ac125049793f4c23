import type { HandlerTable } from '../shared/api'
import { usePanelEngineFromDisk } from './engine/load-node'
import { discover } from './discovery'
import { draftHandlers } from './drafts'
import { presetHandlers } from './presets'
import { panelHandlers } from './panel'
import { mappingHandlers } from './mappings'
import type { Services } from './services'
import { loginHandlers } from './login/handlers'
import { vaultHandlers } from './vault/handlers'
import { withSecretRedaction } from './vault/secret-scope'

/**
 * The one handler table. Electron's IPC and the browser-mode server both register
 * exactly this (through rpc/dispatcher.ts); a method missing here fails to typecheck.
 */
export function createHandlers(host: Services): HandlerTable {
  const services: Services = { ...host, vault: withSecretRedaction(host.vault) }
  // Every host of the handlers runs on Node: paths are judged by the panel's engine, loaded from disk on first use.
  usePanelEngineFromDisk()
  return {
    'app:info': async () => ({
      mode: services.mode === 'electron' ? 'electron' : 'web',
      version: services.version,
      secretStorage: { kind: services.vault.kind, description: services.vault.description }
    }),
    'discovery:run': async (input, { signal }) => discover(input.url, { timeoutMs: input.timeoutMs, signal }),
    ...panelHandlers(services),
    ...presetHandlers(services),
    ...draftHandlers(services),
    ...vaultHandlers(services),
    ...loginHandlers(services),
    ...mappingHandlers(services)
  }
}
