import type { MappingEvalResult, MatcherTrace } from '../engine/mapping-types'
import { normalizeUuid } from '../../shared/mappings'

/**
 * The ways a mapping does something other than what its author meant, worded as warnings
 * (docs/panel-behaviour.md#mappings-traps). Static ones hold whatever the userinfo;
 * sample ones come from what the engine saw on one userinfo.
 */

interface MappingShape {
  type?: unknown
  role_uuid?: unknown
  server_uuid?: unknown
  revoke_unmatched?: unknown
}

export interface KnownTargets {
  roles: string[]
  servers: string[]
}

function walk(m: unknown, visit: (m: Record<string, unknown>) => void): void {
  if (m === null || typeof m !== 'object') return
  const o = m as Record<string, unknown>
  visit(o)
  if (Array.isArray(o.matchers)) for (const k of o.matchers) walk(k, visit)
  if (o.matcher !== undefined) walk(o.matcher, visit)
}

/** Warnings that hold for any userinfo. `known`: the connected panel's roles and servers (null: not connected). */
export function staticTraps(entries: { matcher: unknown; mapping: unknown }[], known: KnownTargets | null): string[] {
  const out: string[] = []
  entries.forEach((e, i) => {
    const n = i + 1
    const mp = (e.mapping ?? {}) as MappingShape
    if (mp.revoke_unmatched === true && mp.type === 'server_subuser') {
      out.push(
        `Mapping ${n}: revoke_unmatched deletes the user’s subuser access on server ${String(mp.server_uuid)} at every login where it does not match, including access someone gave by hand (the owner is skipped).`
      )
    }
    if (mp.revoke_unmatched === true && mp.type === 'role') {
      out.push(
        `Mapping ${n}: revoke_unmatched clears the role ${String(mp.role_uuid)} at every login where it does not match and the user has that role, even when an admin gave it by hand.`
      )
    }
    if (known && mp.type === 'role' && typeof mp.role_uuid === 'string' && !known.roles.includes(normalizeUuid(mp.role_uuid))) {
      out.push(
        `Mapping ${n}: the panel has no role ${mp.role_uuid}. It accepts the mapping anyway and deletes it about a minute later (its cleanup task runs every minute).`
      )
    }
    if (
      known &&
      mp.type === 'server_subuser' &&
      typeof mp.server_uuid === 'string' &&
      !known.servers.includes(normalizeUuid(mp.server_uuid))
    ) {
      out.push(
        `Mapping ${n}: the panel has no server ${mp.server_uuid}. It accepts the mapping anyway and deletes it about a minute later (its cleanup task runs every minute).`
      )
    }
    walk(e.matcher, (m) => {
      if (m.type === 'field_contains' && typeof m.path === 'string' && typeof m.contains === 'string' && /\[\*\]|\.\.|\[\?/.test(m.path)) {
        out.push(
          `Mapping ${n}: ${m.path} selects single values, and \`contains\` on a string is a substring test: “${m.contains}” also matches longer values that contain it (e.g. “super${m.contains}s”). Use field_equals for an exact value.`
        )
      }
    })
  })
  const roles = entries.filter((e) => (e.mapping as MappingShape | null)?.type === 'role').length
  if (roles > 1)
    out.push(
      `${roles} role mappings: a user has one role, so when several match, the last-created one wins. The panel runs them in the order of this list (creation order).`
    )
  return out
}

function leaves(t: MatcherTrace | null, out: MatcherTrace[] = []): MatcherTrace[] {
  if (!t) return out
  if (t.type === 'and' || t.type === 'or') for (const c of t.children) leaves(c, out)
  else if (t.type === 'not') leaves(t.child, out)
  else out.push(t)
  return out
}

/** Warnings from one evaluation (one userinfo and granted scope). */
export function sampleTraps(
  entries: { matcher: unknown; mapping: unknown }[],
  r: MappingEvalResult,
  grantedScope: string | null
): string[] {
  const out: string[] = []
  const all = r.traces.map((t) => leaves(t))
  const hasScopes = all.some((ls) => ls.some((l) => l.type === 'scopes' && l.required.length > 0))
  if (hasScopes && grantedScope === null) {
    out.push(
      'This token response has no `scope`: the panel then takes the granted scopes as empty (it does not fall back to the scopes it asked for), so every non-empty scopes test fails. Many providers omit `scope` when it equals the request.'
    )
  }
  if (hasScopes && grantedScope !== null && grantedScope.includes(',') && !grantedScope.includes(' ')) {
    out.push(
      `The granted scope “${grantedScope}” is separated by commas (GitHub does this); the panel splits on spaces only, so it sees one scope “${grantedScope}”, not ${grantedScope.split(',').length}.`
    )
  }
  all.forEach((ls, i) => {
    for (const l of ls) {
      if (l.type !== 'field_contains' || !l.matched) continue
      const sub = l.nodes.find((n) => n.matched && !n.is_array && n.text !== l.expected)
      if (sub)
        out.push(
          `Mapping ${i + 1}: \`contains\` matched ${JSON.stringify(sub.text)} at ${sub.location} because it contains “${l.expected}” somewhere, not because it equals it.`
        )
    }
  })
  const matchedRoles = entries
    .map((e, i) => ({ i, m: e.mapping as MappingShape | null }))
    .filter(({ i, m }) => r.matched[i] === true && m?.type === 'role')
  const distinct = new Set(matchedRoles.map(({ m }) => normalizeUuid(String(m!.role_uuid))))
  if (distinct.size > 1) {
    const last = matchedRoles.at(-1)!
    out.push(
      `${matchedRoles.length} role mappings match this user (${matchedRoles.map(({ i }) => i + 1).join(', ')}): the last-created, mapping ${last.i + 1}, wins.`
    )
  }
  const servers = new Map<string, number[]>()
  entries.forEach((e, i) => {
    const m = e.mapping as MappingShape | null
    if (r.matched[i] === true && m?.type === 'server_subuser') {
      const k = normalizeUuid(String(m.server_uuid))
      servers.set(k, [...(servers.get(k) ?? []), i + 1])
    }
  })
  for (const [uuid, idx] of servers)
    if (idx.length > 1)
      out.push(
        `Mappings ${idx.join(', ')} all give access to server ${uuid}: each overwrites the permissions of the one before, so mapping ${idx.at(-1)}’s permissions are what the user ends with.`
      )
  return out
}
