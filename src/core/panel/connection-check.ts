import { AppError } from '../../shared/errors'
import { checkApiKeyFormat } from './api-key'
import { PanelClient } from './panel-client'
import { appUrlWarnings, panelUrlWarnings, type PanelBase } from './panel-url'

export interface ConnectionReport {
  panel_url: string
  app_url: string
  app_name: string
  /** How many OAuth providers the key can see. */
  provider_count: number
  warnings: string[]
}

export interface CallOptions {
  timeoutMs?: number
  signal?: AbortSignal
}

/**
 * "Check connection", in the order that makes each failure name its cause:
 * 1. the key's format, locally (malformed never reaches the network);
 * 2. `GET /api/settings` (public): not reachable / TLS / timeout / not a Calagopus Panel;
 * 3. one page of `GET /api/admin/oauth-providers`: key refused / not an admin /
 *    missing `oauth-providers.read`.
 * Create and update permissions can only be seen when used; the push reports them.
 */
export async function checkConnection(panel: PanelBase, apiKey: string, opts: CallOptions = {}): Promise<ConnectionReport> {
  const key = checkApiKeyFormat(apiKey)
  const client = new PanelClient({ panel, apiKey: key, ...opts })
  const settings = await client.getSettings()
  let total: number
  try {
    total = (await client.listProviders(1, 1)).total
  } catch (err) {
    if (err instanceof AppError && err.code === 'panel.not-found') {
      throw new AppError('panel.not-a-panel', `${panel.base} answers /api/settings like a panel but has no OAuth provider admin API.`, {
        field: 'panelUrl',
        hint: 'This panel version may be too old for OAuth providers; update the panel.',
        evidence: err.evidence
      })
    }
    throw err
  }
  return {
    panel_url: panel.base,
    app_url: settings.app_url,
    app_name: settings.app_name,
    provider_count: total,
    warnings: [...panelUrlWarnings(panel), ...appUrlWarnings(panel, settings.app_url)]
  }
}
