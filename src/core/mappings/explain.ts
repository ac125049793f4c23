import type { MatcherTrace, TraceNodeHit } from '../engine/mapping-types'
import type { MappingExplanation } from '../../shared/schemas/mappings'

/**
 * Sentences from the engine's matcher traces: whether a mapping matched this userinfo and
 * why, and for a non-match the nearest miss with the fix (docs/panel-behaviour.md#how-a-matcher-is-evaluated). The engine decides; this only words its answer.
 */

type FieldTrace = Extract<MatcherTrace, { path: string }>

const VERB: Record<FieldTrace['type'], string> = {
  field_exists: 'exists',
  field_equals: 'equals',
  field_contains: 'contains',
  field_starts_with: 'starts with',
  field_ends_with: 'ends with'
}

/** A node text as shown: JSON-quoted strings, cut to a readable length. */
function shown(text: string, max = 80): string {
  const cut = [...text].length > max ? `${[...text].slice(0, max).join('')}…` : text
  return JSON.stringify(cut)
}
const code = (s: string): string => `\`${s}\``

function nodeList(nodes: TraceNodeHit[], count: number, max = 3): string {
  const parts = nodes.slice(0, max).map((n) => `${code(n.location)} = ${n.is_array ? code(n.text) : shown(n.text)}`)
  const more = count - Math.min(nodes.length, max)
  return parts.join(', ') + (more > 0 ? ` and ${more} more` : '')
}

/** Why a field test passed: the first node that matched. */
function fieldHit(t: FieldTrace): string {
  const hit = t.nodes.find((n) => n.matched)
  if (t.type === 'field_exists') return `${code(t.path)} selects ${t.node_count} node${t.node_count === 1 ? '' : 's'}`
  if (!hit) return `${code(t.path)} ${VERB[t.type]} ${shown(t.expected ?? '')}`
  const what = hit.is_array ? `the array ${code(hit.text)}` : shown(hit.text)
  if (t.type === 'field_contains' && hit.is_array)
    return `${code(hit.location)} is ${what}, which has an element equal to ${shown(t.expected ?? '')}`
  if (t.type === 'field_contains' && hit.text !== t.expected)
    return `${code(hit.location)} is ${what}, which contains ${shown(t.expected ?? '')} as a substring`
  return `${code(hit.location)} is ${what}, which ${VERB[t.type]} ${shown(t.expected ?? '')}`
}

/** Why a field test failed, with the nearest miss and what to change. */
function fieldMissScored(t: FieldTrace): [string, number] {
  if (!t.path_valid) return [`${code(t.path)} is not a valid JSONPath, so the panel finds no node and the test fails`, 0]
  if (t.node_count === 0) return [`${code(t.path)} selects nothing in this userinfo`, 1]
  if (t.type === 'field_exists') return [`${code(t.path)} selects nothing in this userinfo`, 1]
  const want = t.expected ?? ''
  const verb = VERB[t.type]
  const arrays = t.nodes.filter((n) => n.is_array)
  // An array compared as its JSON text: the commonest trap.
  if (arrays.length > 0 && t.type !== 'field_contains') {
    const a = arrays[0]!
    let elements: unknown[]
    try {
      elements = JSON.parse(a.text) as unknown[]
    } catch {
      elements = []
    }
    const has = elements.some((e) => (typeof e === 'string' ? e : JSON.stringify(e)) === want)
    const star = `${t.path.replace(/\[\*\]$/, '')}[*]`
    return [
      `${code(t.path)} is an array: ${code(t.type)} compares its JSON text ${code(a.text)}` +
        (has ? `, and ${shown(want)} is one of its elements` : '') +
        `; use ${code(star)} to test each element, or ${code('field_contains')} on ${code(t.path)} for membership`,
      has ? 5 : 3
    ]
  }
  const texts = t.nodes.map((n) => n.text)
  const folded = texts.find((x) => {
    const a = x.toLowerCase()
    const b = want.toLowerCase()
    return t.type === 'field_equals'
      ? a === b
      : t.type === 'field_contains'
        ? a.includes(b)
        : t.type === 'field_starts_with'
          ? a.startsWith(b)
          : a.endsWith(b)
  })
  if (folded !== undefined)
    return [
      `${nodeList(t.nodes, t.node_count)}: ${shown(folded)} ${verb} ${shown(want)} only if case is ignored, and the panel compares case-sensitively`,
      5
    ]
  const trimmed = texts.find((x) => x.trim() === want.trim() && x !== want)
  if (trimmed !== undefined)
    return [`${nodeList(t.nodes, t.node_count)}: ${shown(trimmed)} and ${shown(want)} differ only in spaces at the ends`, 5]
  if (t.type === 'field_contains' && t.nodes.some((n) => n.is_array)) {
    return [
      `${nodeList(t.nodes, t.node_count)}: no element equals ${shown(want)} exactly (on an array, ${code('contains')} tests whole elements)`,
      2
    ]
  }
  if (t.type === 'field_equals' && texts.some((x) => x.includes(want) && want !== '')) {
    return [
      `${nodeList(t.nodes, t.node_count)}: the text contains ${shown(want)} but is not equal to it; ${code('field_contains')} tests substrings`,
      4
    ]
  }
  const nonString = t.nodes.find((n) => !n.is_array && /^(?:true|false|null|-?\d[\d.eE+-]*)$/.test(n.text) && n.text !== want)
  if (nonString && nonString.text.toLowerCase() === want.toLowerCase())
    return [
      `${code(nonString.location)} is the JSON value ${code(nonString.text)}: its text is ${code(nonString.text)}, compare with exactly that`,
      4
    ]
  return [`${nodeList(t.nodes, t.node_count)}: none ${verb} ${shown(want)}`, 2]
}

/** Why a field test failed, with what to change. */
export function fieldMiss(t: FieldTrace): string {
  return fieldMissScored(t)[0]
}

function scopesText(t: Extract<MatcherTrace, { type: 'scopes' }>): string {
  if (t.matched)
    return t.required.length === 0 ? 'an empty scopes list always matches' : `the granted scopes include ${t.required.map(code).join(', ')}`
  return `the granted scopes lack ${t.missing.map(code).join(', ')}`
}

/** One line per node of the tree, with its answer (for the builder's inline marks). */
function lines(t: MatcherTrace, depth: number, out: MappingExplanation['lines']): void {
  switch (t.type) {
    case 'none':
      out.push({ depth, matched: true, text: 'always' })
      return
    case 'and':
    case 'or':
      out.push({
        depth,
        matched: t.matched,
        text: `${t.type === 'and' ? 'all of' : 'any of'} ${t.children.length} test${t.children.length === 1 ? '' : 's'}${t.children.length === 0 ? (t.type === 'and' ? ' (empty: true)' : ' (empty: false)') : ''}`
      })
      for (const c of t.children) lines(c, depth + 1, out)
      return
    case 'not':
      out.push({ depth, matched: t.matched, text: 'not' })
      lines(t.child, depth + 1, out)
      return
    case 'scopes':
      out.push({ depth, matched: t.matched, text: scopesText(t) })
      return
    default:
      out.push({ depth, matched: t.matched, text: t.matched ? fieldHit(t) : fieldMiss(t) })
  }
}

/** Why `t` has the answer it has, as one clause. */
function why(t: MatcherTrace): string {
  switch (t.type) {
    case 'none':
      return '`none` always matches'
    case 'scopes':
      return scopesText(t)
    case 'not':
      return t.matched ? `the negated test fails (${why(t.child)})` : `the negated test passes (${why(t.child)})`
    case 'and': {
      if (t.children.length === 0) return 'an empty `and` is true'
      if (t.matched)
        return t.children.length === 1 ? why(t.children[0]!) : `all ${t.children.length} tests pass: ${t.children.map(why).join('; ')}`
      const i = t.children.findIndex((c) => !c.matched)
      return `test ${i + 1} of the \`and\` fails: ${why(t.children[i]!)}`
    }
    case 'or': {
      if (t.children.length === 0) return 'an empty `or` is false'
      if (t.matched) {
        const i = t.children.findIndex((c) => c.matched)
        return `test ${i + 1} of the \`or\` passes: ${why(t.children[i]!)}`
      }
      return t.children.length === 1
        ? why(t.children[0]!)
        : `none of the ${t.children.length} tests passes: ${t.children.map(why).join('; ')}`
    }
    default:
      return t.matched ? fieldHit(t) : fieldMiss(t)
  }
}

/** The failing leaf closest to passing, as the nearest miss (null when the mapping matched). */
/**
 * The failing test closest to passing, with how close it is (5: one small change, such as
 * case or `[*]`; 0: nothing to go on). An `or` needs one child fixed: its best; an `and`
 * needs every failing child fixed: its first, scored lower when several fail.
 */
function nearestMiss(t: MatcherTrace): [string, number] | null {
  if (t.matched) return null
  switch (t.type) {
    case 'and': {
      const misses = t.children.map(nearestMiss).filter((m): m is [string, number] => m !== null)
      if (misses.length === 0) return null
      return [misses[0]![0], Math.min(...misses.map((m) => m[1])) - (misses.length - 1)]
    }
    case 'or': {
      if (t.children.length === 0) return ['an empty `or` never matches; add a test to it', 0]
      const misses = t.children.map(nearestMiss).filter((m): m is [string, number] => m !== null)
      return misses.reduce<[string, number] | null>((best, m) => (best === null || m[1] > best[1] ? m : best), null)
    }
    case 'not':
      return [`the test under \`not\` matches: ${why(t.child)}`, 1]
    case 'scopes':
      return [scopesText(t), t.missing.length === 1 ? 3 : 2]
    default:
      return fieldMissScored(t)
  }
}

/** Whether the explanation of a non-match lists several failing tests (then the nearest miss picks one). */
function listsSeveral(t: MatcherTrace): boolean {
  if (t.type === 'or') return t.children.length > 1
  if (t.type === 'and') {
    const first = t.children.find((c) => !c.matched)
    return first ? listsSeveral(first) : false
  }
  return false
}

const sentence = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}.`

/** The explanation of one mapping for one userinfo. `errors`: the panel's messages for this entry. */
export function explainMapping(trace: MatcherTrace | null, matched: boolean | null, errors: string[]): MappingExplanation {
  if (trace === null || matched === null) {
    const msg = errors.length ? errors.join('; ') : 'the panel cannot read this mapping'
    return { matched: null, explanation: `Not valid: ${msg}.`, nearest_miss: null, lines: [] }
  }
  const out: MappingExplanation['lines'] = []
  lines(trace, 0, out)
  const invalid = errors.length ? ` The panel would refuse it as it is: ${errors.join('; ')}.` : ''
  if (matched) return { matched, explanation: `Matches: ${why(trace)}.${invalid}`, nearest_miss: null, lines: out }
  const reason = why(trace)
  const miss = nearestMiss(trace)?.[0] ?? null
  return {
    matched,
    explanation: `No match: ${reason}.${invalid}`,
    // Said once: a single failing test is its own nearest miss.
    nearest_miss: miss === null || (!listsSeveral(trace) && reason.includes(miss)) ? null : sentence(miss),
    lines: out
  }
}
