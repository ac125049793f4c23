import type { Output } from '../../../shared/api'
import type { ErrorPayload } from '../../../shared/errors'
import type { Mapping, MappingEntry, Matcher } from '../../../shared/mappings'
import type { UserinfoSample } from '../../../shared/schemas/mappings'
import { asAppError, call } from '../services/api'
import type { SliceCreator, WizardState } from './types'

type TestResult = Output<'mappings:test'>
type PickItem = Output<'mappings:pick'>['items'][number]
type PermissionGroups = Output<'mappings:permissions'>['groups']

/** Where a click in the userinfo tree writes: mapping `index`, matcher node `node` (child indices from the root). */
export interface PathTarget {
  index: number
  node: number[]
}

export interface MappingsSlice {
  /** The draft's mappings in creation order; null: this draft leaves the panel's mappings alone. */
  mappings: MappingEntry[] | null
  /** Extra userinfo samples beside the test login's. */
  mappingSamples: UserinfoSample[]
  /** The token response's `scope` for the main userinfo when it was pasted (a test login brings its own). */
  mainGrantedScope: string | null
  mappingTest: TestResult | null
  mappingTestError: ErrorPayload | null
  pathTarget: PathTarget | null
  /** From the connected panel; empty when not connected. */
  pickRoles: PickItem[]
  pickServers: PickItem[]
  /** Every role and server was read: only then can a uuid be called unknown to the panel. */
  pickersComplete: boolean
  permissionGroups: PermissionGroups
  pickersError: ErrorPayload | null
  /** The admin asked for the mappings in the JSON export (never by default: the default export is the panel's, byte for byte). */
  exportWithMappings: boolean
  setExportWithMappings: (on: boolean) => void
  setMappings: (m: MappingEntry[] | null) => void
  addMapping: (kind: Mapping['type']) => void
  updateMapping: (index: number, entry: MappingEntry) => void
  removeMapping: (index: number) => void
  moveMapping: (index: number, by: -1 | 1) => void
  setPathTarget: (t: PathTarget | null) => void
  addSample: (sample: UserinfoSample) => void
  updateSample: (index: number, sample: UserinfoSample) => void
  removeSample: (index: number) => void
  setMainGrantedScope: (scope: string | null) => void
  /** The samples the live test runs on: the test login's (or pasted) userinfo first. */
  testSamples: () => UserinfoSample[]
  runMappingTest: () => Promise<void>
  loadPickers: () => Promise<void>
}

export const NEW_MATCHER: Matcher = { type: 'field_equals', path: '', equals: '' }

function newMapping(kind: Mapping['type']): Mapping {
  return kind === 'role'
    ? { type: 'role', role_uuid: '', revoke_unmatched: false }
    : { type: 'server_subuser', server_uuid: '', permissions: [], ignored_files: [], revoke_unmatched: false }
}

let testSeq = 0
/** Pages of 100 read for a picker: a panel with more roles or servers gets free entry beyond them. */
const PICKER_PAGES = 10

/** The samples the live test runs on: the Claims step's userinfo first (with its login's granted scope), then the extra ones. */
export function samplesOf(
  userinfo: WizardState['userinfo'],
  login: WizardState['loginResult'],
  mainGrantedScope: string | null,
  extra: UserinfoSample[]
): UserinfoSample[] {
  const out: UserinfoSample[] = []
  if (userinfo) {
    const fromLogin = userinfo.source === 'login' && login !== null
    out.push({
      label: fromLogin ? 'Test login' : 'Userinfo',
      body: userinfo.text,
      granted_scope: fromLogin ? login.token.scope : mainGrantedScope
    })
  }
  return [...out, ...extra]
}

/** The mappings, their samples, their test and the export choice belong to the draft (the pickers belong to the panel address). */
export const mappingsDraftState = (): Pick<
  MappingsSlice,
  'mappings' | 'mappingSamples' | 'mainGrantedScope' | 'mappingTest' | 'mappingTestError' | 'pathTarget' | 'exportWithMappings'
> => ({
  mappings: null,
  mappingSamples: [],
  mainGrantedScope: null,
  mappingTest: null,
  mappingTestError: null,
  pathTarget: null,
  exportWithMappings: false
})

export const createMappingsSlice: SliceCreator<MappingsSlice> = (set, get) => ({
  ...mappingsDraftState(),
  pickRoles: [],
  pickServers: [],
  pickersComplete: false,
  permissionGroups: [],
  pickersError: null,
  setExportWithMappings: (on) => set({ exportWithMappings: on }),
  setMappings: (m) => set({ mappings: m }),
  addMapping: (kind) => {
    const list = [...(get().mappings ?? []), { matcher: NEW_MATCHER, mapping: newMapping(kind) }]
    set({ mappings: list, pathTarget: { index: list.length - 1, node: [] } })
  },
  updateMapping: (index, entry) => set((s) => ({ mappings: (s.mappings ?? []).map((m, i) => (i === index ? entry : m)) })),
  removeMapping: (index) => set((s) => ({ mappings: (s.mappings ?? []).filter((_, i) => i !== index), pathTarget: null })),
  moveMapping: (index, by) =>
    set((s) => {
      const list = [...(s.mappings ?? [])]
      const j = index + by
      if (j < 0 || j >= list.length) return {}
      ;[list[index], list[j]] = [list[j]!, list[index]!]
      return { mappings: list, pathTarget: null }
    }),
  setPathTarget: (t) => set({ pathTarget: t }),
  addSample: (sample) => set((s) => ({ mappingSamples: [...s.mappingSamples, sample] })),
  updateSample: (index, sample) => set((s) => ({ mappingSamples: s.mappingSamples.map((x, i) => (i === index ? sample : x)) })),
  removeSample: (index) => set((s) => ({ mappingSamples: s.mappingSamples.filter((_, i) => i !== index) })),
  setMainGrantedScope: (scope) => set({ mainGrantedScope: scope }),
  testSamples: () => {
    const s = get()
    return samplesOf(s.userinfo, s.loginResult, s.mainGrantedScope, s.mappingSamples)
  },
  runMappingTest: async () => {
    const s = get()
    const seq = ++testSeq
    try {
      const known = s.pickersComplete ? { roles: s.pickRoles.map((r) => r.uuid), servers: s.pickServers.map((x) => x.uuid) } : null
      const r = await call('mappings:test', { mappings: s.mappings ?? [], samples: s.testSamples(), known })
      if (seq === testSeq) set({ mappingTest: r, mappingTestError: null })
    } catch (err) {
      if (seq === testSeq) set({ mappingTestError: asAppError(err).toPayload() })
    }
  },
  loadPickers: async () => {
    const s = get()
    if (!s.panelUrl.trim() || !s.apiKeySet) return
    try {
      const all = async (kind: 'roles' | 'servers'): Promise<{ items: PickItem[]; complete: boolean }> => {
        const items: PickItem[] = []
        for (let page = 1; page <= PICKER_PAGES; page++) {
          const r = await call('mappings:pick', { panelUrl: s.panelUrl, kind, page })
          items.push(...r.items)
          if (r.items.length === 0 || page * r.per_page >= r.total) return { items, complete: true }
        }
        return { items, complete: false }
      }
      const [roles, servers, perms] = await Promise.all([
        all('roles'),
        all('servers'),
        call('mappings:permissions', { panelUrl: s.panelUrl })
      ])
      set({
        pickRoles: roles.items,
        pickServers: servers.items,
        pickersComplete: roles.complete && servers.complete,
        permissionGroups: perms.groups,
        pickersError: null
      })
    } catch (err) {
      set({ pickersError: asAppError(err).toPayload() })
    }
  }
})
