import { appVersion } from '../core/app-root'
import { createHandlers } from '../core/handlers'
import { defaultDataDir } from '../core/data-dir'
import { storeApiKey } from '../core/panel/api-key'
import type { PanelBase } from '../core/panel/panel-url'
import { Dispatcher } from '../core/rpc/dispatcher'
import { MemoryVault } from '../core/vault/memory-vault'
import { clientSecretKey } from '../core/vault/vault'
import type { Input, Method, Output } from '../shared/api'
import { AppError } from '../shared/errors'
import { openInDefaultBrowser } from '../web/open-browser'
import type { CliIO } from './command'

/** The draft id the CLI's client secret is stored under in its vault (one draft per run: CONFIG.json). */
export const CLI_DRAFT_ID = 'cli'

/** What the CLI puts in its vault before the first call: the secrets from the environment variables it documents. */
export interface CliSecrets {
  apiKey?: { panel: PanelBase; key: string }
  clientSecret?: string | null
}

export interface CliClient {
  /** Calls a contract method like the GUI does; an error comes back as the AppError the handler raised. */
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>
}

/**
 * The CLI as the third client of the dispatcher (after Electron's IPC and browser mode):
 * the same handler table, with a memory vault seeded from the environment, so a
 * command's `--json` output is the contract's output. A cancelled run (Ctrl+C) cancels
 * the call in flight.
 */
export async function createCliClient(io: CliIO, secrets: CliSecrets = {}): Promise<CliClient> {
  const vault = new MemoryVault()
  if (secrets.apiKey) await storeApiKey(vault, secrets.apiKey.panel, secrets.apiKey.key)
  if (secrets.clientSecret) await vault.set(clientSecretKey(CLI_DRAFT_ID), secrets.clientSecret)
  const dispatcher = new Dispatcher(
    createHandlers({
      mode: 'cli',
      version: appVersion(),
      dataDir: defaultDataDir(io.env),
      openExternal: openInDefaultBrowser,
      vault
    })
  )
  let seq = 0
  return {
    async call(method, input) {
      if (io.signal.aborted) throw new AppError('cancelled', 'Cancelled.')
      const callId = `cli-${++seq}`
      const onAbort = (): void => void dispatcher.cancel(callId)
      io.signal.addEventListener('abort', onAbort, { once: true })
      try {
        const r = await dispatcher.call(method, input, callId)
        if (!r.ok) throw AppError.fromPayload(r.error)
        return r.data as Output<typeof method>
      } finally {
        io.signal.removeEventListener('abort', onAbort)
      }
    }
  }
}
