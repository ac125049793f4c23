import { appVersion } from '../core/app-root'
import { defaultDataDir } from '../core/data-dir'
import type { Services } from '../core/services'
import { MemoryVault } from '../core/vault/memory-vault'
import { openInDefaultBrowser } from './open-browser'

/** Services of browser mode: memory-only secrets, the system browser for links. */
export function createWebServices(opts: { noOpen: boolean; dataDir?: string }): Services {
  return {
    mode: 'web',
    version: appVersion(),
    dataDir: opts.dataDir ?? defaultDataDir(),
    openExternal: opts.noOpen ? async () => false : openInDefaultBrowser,
    vault: new MemoryVault()
  }
}
