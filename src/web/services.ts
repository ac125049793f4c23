import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defaultDataDir } from '../core/data-dir'
import type { Services } from '../core/services'
import { MemoryVault } from '../core/vault/memory-vault'
import { openInDefaultBrowser } from './open-browser'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Services of browser mode: memory-only secrets, the system browser for links. */
export function createWebServices(opts: { noOpen: boolean; dataDir?: string }): Services {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  return {
    mode: 'web',
    version: pkg.version,
    dataDir: opts.dataDir ?? defaultDataDir(),
    openExternal: opts.noOpen ? async () => false : openInDefaultBrowser,
    vault: new MemoryVault()
  }
}
