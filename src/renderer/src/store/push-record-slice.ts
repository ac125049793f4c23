import type { PanelPushResult } from '../../../shared/schemas/panel'
import type { LastPush } from '../../../shared/schemas/drafts'
import { FIELD_LABELS, PROVIDER_KEYS, type ProviderConfig, type ProviderKey } from '../../../shared/provider'
import { draftConfig } from './autosave-slice'
import type { SliceCreator } from './types'

/** The last push of this draft, saved with it: where the provider lives in the panel and what was sent. */
export interface PushRecordSlice {
  lastPush: LastPush | null
  recordPush: (result: PanelPushResult, sent: ProviderConfig, panelUrl: string, mappings?: LastPush['mappings']) => void
}

/** The record of the last push belongs to the draft that was pushed. */
export const pushRecordDraftState = (): Pick<PushRecordSlice, 'lastPush'> => ({
  lastPush: null
})

export const createPushRecordSlice: SliceCreator<PushRecordSlice> = (set) => ({
  ...pushRecordDraftState(),
  recordPush: (r, sent, panelUrl, mappings = null) =>
    set({
      lastPush: {
        panel_url: panelUrl,
        app_url: r.app_url,
        uuid: r.uuid,
        name: r.name,
        action: r.action,
        redirect_url: r.redirect_url,
        at: new Date().toISOString(),
        config: draftConfig(sent),
        mappings
      }
    })
})

/**
 * What changed on screen since the last push, as labels ("Only allow login", "Panel
 * address"): empty while the panel holds exactly this draft. The client secret is not
 * compared (it is never kept); a new secret is pushed by reviewing again.
 */
export function changesSincePush(
  last: LastPush,
  config: ProviderConfig,
  panelUrl: string,
  mappings: LastPush['mappings'] = null
): string[] {
  const now = draftConfig(config) as Record<string, unknown>
  const then = last.config as Record<string, unknown>
  const changed = PROVIDER_KEYS.filter((k) => k !== 'client_secret' && JSON.stringify(now[k]) !== JSON.stringify(then[k])).map(
    (k) => FIELD_LABELS[k as ProviderKey] ?? k
  )
  if (panelUrl.trim().replace(/\/+$/, '') !== last.panel_url.trim().replace(/\/+$/, '')) changed.push('Panel address')
  // Mappings the draft manages that differ from the ones pushed (a draft that leaves them alone has nothing to push).
  if (last.mappings !== undefined && mappings !== null && JSON.stringify(mappings) !== JSON.stringify(last.mappings))
    changed.push('Mappings')
  return changed
}
