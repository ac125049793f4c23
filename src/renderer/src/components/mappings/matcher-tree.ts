import { FIELD_VALUE_KEY, MAX_GROUP_DEPTH, type Matcher, type MatcherType } from '../../../../shared/mappings'

/** Child list of a group node (`not` has one child), [] for a leaf. */
export function childrenOf(m: Matcher): Matcher[] {
  if (m.type === 'and' || m.type === 'or') return m.matchers
  if (m.type === 'not') return [m.matcher]
  return []
}

export function nodeAt(root: Matcher, node: number[]): Matcher | null {
  let cur: Matcher | undefined = root
  for (const i of node) {
    cur = cur ? childrenOf(cur)[i] : undefined
    if (!cur) return null
  }
  return cur ?? null
}

/** A copy of `root` with the node at `node` replaced by `fn(old)`. */
export function replaceAt(root: Matcher, node: number[], fn: (m: Matcher) => Matcher): Matcher {
  if (node.length === 0) return fn(root)
  const [i, ...rest] = node as [number, ...number[]]
  if (root.type === 'and' || root.type === 'or') {
    return { ...root, matchers: root.matchers.map((c, k) => (k === i ? replaceAt(c, rest, fn) : c)) }
  }
  if (root.type === 'not' && i === 0) return { ...root, matcher: replaceAt(root.matcher, rest, fn) }
  return root
}

export function removeChild(group: Matcher, i: number): Matcher {
  if (group.type === 'and' || group.type === 'or') return { ...group, matchers: group.matchers.filter((_, k) => k !== i) }
  return group
}

export const LEAF: Matcher = { type: 'field_equals', path: '', equals: '' }

/** Changes a node's type, keeping what carries over (path, text, children). */
export function convert(m: Matcher, type: MatcherType): Matcher {
  const path = 'path' in m ? m.path : ''
  const valueKey = m.type in FIELD_VALUE_KEY ? FIELD_VALUE_KEY[m.type as keyof typeof FIELD_VALUE_KEY] : null
  const text = valueKey ? ((m as unknown as Record<string, string>)[valueKey] ?? '') : ''
  switch (type) {
    case 'none':
      return { type }
    case 'and':
    case 'or': {
      const kids = m.type === 'and' || m.type === 'or' ? m.matchers : m.type === 'not' ? [m.matcher] : m.type === 'none' ? [] : [m]
      return { type, matchers: kids }
    }
    case 'not': {
      const kids = childrenOf(m)
      return { type, matcher: kids[0] ?? (m.type === 'none' || m.type === 'and' || m.type === 'or' ? LEAF : m) }
    }
    case 'scopes':
      return { type, scopes: m.type === 'scopes' ? m.scopes : [] }
    case 'field_exists':
      return { type, path }
    case 'field_equals':
      return { type, path, equals: text }
    case 'field_contains':
      return { type, path, contains: text }
    case 'field_starts_with':
      return { type, path, starts_with: text }
    case 'field_ends_with':
      return { type, path, ends_with: text }
  }
}

/** Whether a group may sit at `depth` (number of groups above it): the panel allows 3 nested groups. */
export function groupAllowed(depth: number): boolean {
  return depth < MAX_GROUP_DEPTH
}

/** Reads a matcher from a draft (unknown JSON) for the builder; a shape the builder cannot show becomes null. */
export function asMatcher(v: unknown): Matcher | null {
  if (v === null || typeof v !== 'object') return null
  const o = v as Record<string, unknown>
  switch (o.type) {
    case 'none':
      return { type: 'none' }
    case 'and':
    case 'or':
      if (!Array.isArray(o.matchers)) return null
      {
        const kids = o.matchers.map(asMatcher)
        return kids.every((k) => k !== null) ? { type: o.type, matchers: kids as Matcher[] } : null
      }
    case 'not': {
      const k = asMatcher(o.matcher)
      return k ? { type: 'not', matcher: k } : null
    }
    case 'scopes':
      return Array.isArray(o.scopes) && o.scopes.every((x) => typeof x === 'string')
        ? { type: 'scopes', scopes: o.scopes as string[] }
        : null
    case 'field_exists':
      return typeof o.path === 'string' ? { type: 'field_exists', path: o.path } : null
    default: {
      const key = FIELD_VALUE_KEY[o.type as keyof typeof FIELD_VALUE_KEY]
      if (!key || typeof o.path !== 'string' || typeof o[key] !== 'string') return null
      return { type: o.type, path: o.path, [key]: o[key] } as Matcher
    }
  }
}
