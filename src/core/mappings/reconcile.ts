import { normalizeUuid, type AdminMapping, type MappingEntry } from '../../shared/mappings'
import type { MappingCounts, MappingOp, MappingPlan } from '../../shared/schemas/mappings'
import type { MappingClient } from './mapping-client'

/**
 * Makes the panel hold exactly the draft's mappings, in the draft's order, with as few
 * writes as possible (docs/panel-behaviour.md#mapping-admin-api):
 * - equality is on the panel's stored form: uuids lowercase and hyphenated (the panel
 *   accepts upper case, braces and URNs and stores them normalised), `revoke_unmatched`
 *   false when omitted, key order irrelevant; so an unchanged mapping never looks changed;
 * - order matters: the panel runs mappings by `created`, and the last-created matching
 *   role wins. A POST always lands last and a PATCH keeps `created`, so the plan keeps the
 *   longest run of unchanged mappings, PATCHes panel mappings in place between them and
 *   POSTs only at the end; when that cannot reproduce the order it rewrites by position;
 * - a PATCH carries each object that changed whole (the panel replaces, never merges).
 */

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sortKeys(o[k])])
    )
  }
  return v
}

/** The stored form of a mapping object, for comparison only. */
function normalizeMappingObject(mapping: unknown): unknown {
  if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) return mapping
  const m = { ...(mapping as Record<string, unknown>) }
  for (const k of ['role_uuid', 'server_uuid']) if (typeof m[k] === 'string') m[k] = normalizeUuid(m[k] as string)
  if (m.revoke_unmatched === undefined) m.revoke_unmatched = false
  return m
}

export function matcherKey(matcher: unknown): string {
  return JSON.stringify(sortKeys(matcher))
}
export function mappingKey(mapping: unknown): string {
  return JSON.stringify(sortKeys(normalizeMappingObject(mapping)))
}
const entryKey = (e: MappingEntry): string => `${matcherKey(e.matcher)}\u0000${mappingKey(e.mapping)}`

/** Index pairs of a longest common subsequence of equal keys. */
function longestCommonRun(a: string[], b: string[]): [number, number][] {
  const n = a.length
  const m = b.length
  const t: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!)
  const pairs: [number, number][] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j])
      i++
      j++
    } else if (t[i + 1]![j]! >= t[i]![j + 1]!) i++
    else j++
  }
  return pairs
}

function updateOp(cur: AdminMapping, want: MappingEntry, index: number): MappingOp {
  const body: Record<string, unknown> = {}
  if (matcherKey(cur.matcher) !== matcherKey(want.matcher)) body.matcher = want.matcher
  if (mappingKey(cur.mapping) !== mappingKey(want.mapping)) body.mapping = want.mapping
  return {
    op: 'update',
    uuid: cur.uuid,
    index,
    before: { matcher: cur.matcher, mapping: cur.mapping },
    after: { matcher: want.matcher, mapping: want.mapping },
    body
  }
}

function countOps(ops: MappingOp[]): MappingCounts {
  const c: MappingCounts = { created: 0, updated: 0, deleted: 0, unchanged: 0 }
  for (const o of ops) {
    if (o.op === 'create') c.created++
    else if (o.op === 'update') c.updated++
    else if (o.op === 'delete') c.deleted++
    else c.unchanged++
  }
  return c
}

/** Rewrite by position: always reproduces the order. */
function positionalOps(current: AdminMapping[], desired: MappingEntry[]): MappingOp[] {
  const ops: MappingOp[] = []
  desired.forEach((want, i) => {
    const cur = current[i]
    if (!cur) ops.push({ op: 'create', uuid: null, index: i, before: null, after: want, body: null })
    else if (entryKey(cur) === entryKey(want))
      ops.push({
        op: 'unchanged',
        uuid: cur.uuid,
        index: i,
        before: { matcher: cur.matcher, mapping: cur.mapping },
        after: want,
        body: null
      })
    else ops.push(updateOp(cur, want, i))
  })
  for (const cur of current.slice(desired.length))
    ops.push({ op: 'delete', uuid: cur.uuid, index: null, before: { matcher: cur.matcher, mapping: cur.mapping }, after: null, body: null })
  return ops
}

/** Keep the longest unchanged run; null when new mappings would have to land before a kept one. */
function alignedOps(current: AdminMapping[], desired: MappingEntry[]): MappingOp[] | null {
  const pairs = longestCommonRun(current.map(entryKey), desired.map(entryKey))
  const ops: MappingOp[] = []
  let ci = 0
  let di = 0
  const bounds: [number, number][] = [...pairs, [current.length, desired.length]]
  for (let g = 0; g < bounds.length; g++) {
    const [cEnd, dEnd] = bounds[g]!
    const curGap = current.slice(ci, cEnd)
    const wantGap = desired.slice(di, dEnd)
    const last = g === bounds.length - 1
    if (!last && wantGap.length > curGap.length) return null
    curGap.forEach((cur, k) => {
      const want = wantGap[k]
      if (want) ops.push(updateOp(cur, want, di + k))
      else
        ops.push({
          op: 'delete',
          uuid: cur.uuid,
          index: null,
          before: { matcher: cur.matcher, mapping: cur.mapping },
          after: null,
          body: null
        })
    })
    wantGap
      .slice(curGap.length)
      .forEach((want, k) => ops.push({ op: 'create', uuid: null, index: di + curGap.length + k, before: null, after: want, body: null }))
    if (!last) {
      const cur = current[cEnd]!
      ops.push({
        op: 'unchanged',
        uuid: cur.uuid,
        index: dEnd,
        before: { matcher: cur.matcher, mapping: cur.mapping },
        after: desired[dEnd]!,
        body: null
      })
    }
    ci = cEnd + 1
    di = dEnd + 1
  }
  return ops
}

const writes = (ops: MappingOp[]): number => ops.filter((o) => o.op !== 'unchanged').length

/**
 * The writes that turn the panel's mappings (`current`, in its order) into `desired`
 * (the draft's, in the panel's stored form). Nothing is sent here.
 */
export function planMappingSync(current: AdminMapping[], desired: MappingEntry[]): MappingPlan {
  const aligned = alignedOps(current, desired)
  const positional = positionalOps(current, desired)
  const ops = aligned && writes(aligned) <= writes(positional) ? aligned : positional
  const warnings: string[] = []
  const seen = new Map<string, number>()
  for (const m of current) seen.set(m.created, (seen.get(m.created) ?? 0) + 1)
  const ties = [...seen.values()].filter((n) => n > 1).reduce((a, b) => a + b, 0)
  if (ties > 0) {
    warnings.push(
      `${ties} of the panel’s mappings share a created time (the panel’s Duplicate copies mappings with one timestamp): their order, and so which role wins, is undefined in the panel. Pushing rewrites them in the draft’s order only where they differ.`
    )
  }
  return { ops, counts: countOps(ops), warnings }
}

/**
 * Sends the plan: deletes first, then updates in place, then creates in the draft's order
 * (each POST gets a later `created` than the one before). Returns what was done.
 */
export async function applyMappingSync(client: MappingClient, provider: string, plan: MappingPlan): Promise<MappingCounts> {
  for (const o of plan.ops) if (o.op === 'delete') await client.deleteMapping(provider, o.uuid!)
  for (const o of plan.ops) if (o.op === 'update') await client.updateMapping(provider, o.uuid!, o.body ?? {})
  const creates = plan.ops.filter((o) => o.op === 'create').sort((a, b) => a.index! - b.index!)
  for (const o of creates) await client.createMapping(provider, o.after as MappingEntry)
  return plan.counts
}

/** Every mapping the panel now has equals the draft's, in order; a message per difference. */
export function mappingReadBackProblems(stored: AdminMapping[], desired: MappingEntry[]): string[] {
  const problems: string[] = []
  if (stored.length !== desired.length)
    problems.push(`The panel now has ${stored.length} mapping(s), not the ${desired.length} of the draft.`)
  const n = Math.min(stored.length, desired.length)
  for (let i = 0; i < n; i++) {
    if (entryKey(stored[i]!) !== entryKey(desired[i]!))
      problems.push(`Mapping ${i + 1}: the panel stored ${JSON.stringify({ matcher: stored[i]!.matcher, mapping: stored[i]!.mapping })}.`)
  }
  return problems
}
