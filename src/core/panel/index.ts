import type { HandlerTable, ParsedInput } from '../../shared/api'
import { AppError } from '../../shared/errors'
import type { Services } from '../services'
import { clientSecretKey } from '../vault/vault'
import { apiKeyVaultKey, loadApiKey, storeApiKey } from './api-key'
import { checkConnection } from './connection-check'
import { loginStartUrlFor, normalizePanelUrl } from './panel-url'
import { planPush, pushProvider, type PushInput } from './push'
import { pushAndVerify } from './push-and-verify'
import { RedirectLog, verifyPanelLogin } from './verify-login'

type PanelMethods =
  | 'panel:set-api-key'
  | 'panel:api-key-state'
  | 'panel:check'
  | 'panel:plan'
  | 'panel:push'
  | 'panel:open-login'
  | 'panel:push-and-verify'
  | 'panel:verify-login'

/**
 * The `panel:*` handlers. Secrets come from the vault only: the API key under
 * `panel-api-key/<panel address>`, the client secret under `client-secret/<draftId>`.
 */
export function panelHandlers(services: Services): Pick<HandlerTable, PanelMethods> {
  // The login redirects this host asked for, so every verification can say how many tries are left.
  const redirectLog = new RedirectLog()
  const pushInput = async (input: ParsedInput<'panel:plan'>, signal: AbortSignal): Promise<PushInput> => {
    const panel = normalizePanelUrl(input.panelUrl)
    return {
      panel,
      apiKey: await loadApiKey(services.vault, panel),
      clientSecret: await services.vault.get(clientSecretKey(input.draftId)),
      config: input.config,
      mode: input.mode,
      uuid: input.uuid,
      timeoutMs: input.timeoutMs,
      signal,
      ...(input.mappings ? { mappings: input.mappings as PushInput['mappings'] } : {})
    }
  }
  return {
    'panel:set-api-key': async (input) => {
      const panel = normalizePanelUrl(input.panelUrl)
      return { panel_url: panel.base, api_key_set: await storeApiKey(services.vault, panel, input.apiKey) }
    },
    'panel:api-key-state': async (input) => {
      const panel = normalizePanelUrl(input.panelUrl)
      return { panel_url: panel.base, api_key_set: await services.vault.has(apiKeyVaultKey(panel)) }
    },
    'panel:check': async (input, { signal }) => {
      const panel = normalizePanelUrl(input.panelUrl)
      return checkConnection(panel, await loadApiKey(services.vault, panel), { timeoutMs: input.timeoutMs, signal })
    },
    'panel:plan': async (input, { signal }) => planPush(await pushInput(input, signal)),
    'panel:push': async (input, { signal }) => pushProvider({ ...(await pushInput(input, signal)), fingerprint: input.fingerprint }),
    'panel:push-and-verify': async (input, { signal }) =>
      pushAndVerify({ ...(await pushInput(input, signal)), fingerprint: input.fingerprint, redirectLog }),
    'panel:verify-login': async (input, { signal }) =>
      verifyPanelLogin({
        panel: normalizePanelUrl(input.panelUrl),
        uuid: input.uuid,
        config: input.config,
        appUrl: input.appUrl,
        timeoutMs: input.timeoutMs,
        signal,
        redirectLog
      }),
    'panel:open-login': async (input) => {
      const url = loginStartUrlFor(input.appUrl, input.uuid)
      if (!/^https?:\/\//i.test(url))
        throw new AppError('panel.url-invalid', `The panel’s app.url “${input.appUrl}” is not an http(s) address.`)
      return { url, opened: await services.openExternal(url) }
    }
  }
}
