import type { HandlerTable } from '../../shared/api'
import type { Services } from '../services'
import { loadApiKey } from '../panel/api-key'
import { normalizePanelUrl } from '../panel/panel-url'
import { evaluateMappings } from './engine-evaluator'
import { MappingClient } from './mapping-client'
import { testMappings } from './test-mappings'

export { testMappings } from './test-mappings'
export { planMappingSync, applyMappingSync } from './reconcile'

type MappingMethods = 'mappings:test' | 'mappings:pick' | 'mappings:permissions'

/** The `mappings:*` handlers: the live test (engine), and the pickers from the connected panel. */
export function mappingHandlers(services: Services): Pick<HandlerTable, MappingMethods> {
  const client = async (panelUrl: string, timeoutMs: number | undefined, signal: AbortSignal): Promise<MappingClient> => {
    const panel = normalizePanelUrl(panelUrl)
    return new MappingClient({ panel, apiKey: await loadApiKey(services.vault, panel), timeoutMs, signal })
  }
  return {
    'mappings:test': async (input) => testMappings(input, evaluateMappings),
    'mappings:pick': async (input, { signal }) => {
      const p = await (await client(input.panelUrl, input.timeoutMs, signal)).listPicker(input.kind, input.page, input.search)
      return { total: p.total, page: p.page, per_page: p.per_page, items: p.data }
    },
    'mappings:permissions': async (input, { signal }) => {
      const groups = await (await client(input.panelUrl, input.timeoutMs, signal)).serverPermissions()
      return {
        groups: Object.entries(groups).map(([group, g]) => ({
          group,
          description: g.description,
          permissions: Object.entries(g.permissions).map(([key, description]) => ({ key, description }))
        }))
      }
    }
  }
}
