import { load, type YAMLException } from 'js-yaml'
import { LineCounter, isMap, isScalar, parseAllDocuments, type Document } from 'yaml'
import { describe, problem, where, type Located } from './import-problems'
import type { Parsed, RawMember } from './parsed-preset'
import type { Shift } from './text-position'

/**
 * The panel reads any text not starting with "{" with js-yaml 5.3.0 `load` (default
 * options), and its verdict and values are the ones that count: that very js-yaml reads the
 * file here too. js-yaml reports one error without the key's line, so the `yaml`
 * library reads it a second time for where each key is and for clearer messages when both
 * agree that the file is broken. The two differ (js-yaml 5 reads 2024-01-01 as text and
 * refuses unknown tags such as !!binary or !custom; `yaml` does not), hence js-yaml decides.
 */
export function parseYaml(trimmed: string, shift: Shift): Parsed {
  const located = readYamlWithLines(trimmed, shift)
  let value: unknown
  try {
    value = load(trimmed)
  } catch (err) {
    const e = err as YAMLException
    if (located.members === null) return located
    // A duplicate key: checkMembers names both lines, as an error.
    const keys = located.members.map((m) => m.key)
    if (new Set(keys).size !== keys.length) return located
    const loc = e.mark ? shift({ line: e.mark.line + 1, column: e.mark.column + 1 }) : {}
    return { members: null, problems: [problem('error', `YAML error${where(loc)}: ${e.reason ?? e.message}; the panel's YAML reader (js-yaml) refuses the file.`, loc)] }
  }
  if (value === null || value === undefined) return { members: null, problems: [problem('error', 'The file is empty.')] }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return {
      members: null,
      problems: [problem('error', `This is not a preset: expected keys such as "name: 'Keycloak'", found ${describe(value)}.`, shift({ line: 1, column: 1 }))]
    }
  }
  const lineOf = new Map<string, Located>()
  for (const m of located.members ?? []) if (m.line !== undefined && !lineOf.has(m.key)) lineOf.set(m.key, { line: m.line, column: m.column })
  const obj = value as Record<string, unknown>
  const members: RawMember[] = Object.keys(obj).map((key) => ({ key, value: obj[key], ...lineOf.get(key) }))
  return { members, problems: [] }
}

/** The `yaml` library's reading, for lines and messages; its values are not used. */
const YAML_OPTIONS = {
  uniqueKeys: false,
  prettyErrors: false,
  // Complex keys make the yaml package print a process warning to stderr; the problem
  // list reports what matters, and a library must not write to the host's terminal.
  logLevel: 'error' as const,
  merge: true,
  customTags: ['timestamp', 'binary', 'set', 'omap', 'pairs'] as ('timestamp' | 'binary' | 'set' | 'omap' | 'pairs')[]
}

function readYamlWithLines(trimmed: string, shift: Shift): Parsed {
  const lc = new LineCounter()
  const docs = parseAllDocuments(trimmed, { ...YAML_OPTIONS, lineCounter: lc })
  const list: Document[] = Array.isArray(docs) ? docs : [docs as unknown as Document]
  const at = (offset: number): Located => {
    const p = lc.linePos(offset)
    return shift({ line: p.line, column: p.col })
  }
  if (list.length > 1) {
    const second = list[1]!
    const loc = second.range ? at(second.range[0]) : {}
    return {
      members: null,
      problems: [problem('error', `The file holds several YAML documents (a second one starts after "---"${loc.line === undefined ? '' : ` at line ${loc.line}`}); the panel reads exactly one.`, loc)]
    }
  }
  const doc = list[0]
  if (!doc) return { members: null, problems: [problem('error', 'The file is empty.')] }
  if (doc.errors.length > 0) {
    // The first error is the cause; the parser's later ones mostly follow from it.
    const e = doc.errors[0]!
    const loc = at(e.pos[0])
    const more = doc.errors.length > 1 ? ` (the ${doc.errors.length - 1} other error${doc.errors.length > 2 ? 's' : ''} after it may follow from this one)` : ''
    return {
      members: null,
      problems: [problem('error', `YAML syntax error${where(loc)}: ${e.message.replace(/\s*at line \d+, column \d+.*$/s, '').replace(/\.$/, '')}${more}.`, loc)]
    }
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (err) {
    return { members: null, problems: [problem('error', `The YAML cannot be read: ${(err as Error).message}.`)] }
  }
  if (value === null || value === undefined) return { members: null, problems: [problem('error', 'The file is empty.')] }
  if (!isMap(doc.contents) || typeof value !== 'object' || Array.isArray(value)) {
    return {
      members: null,
      problems: [problem('error', `This is not a preset: expected keys such as "name: 'Keycloak'", found ${describe(value)}.`, at(doc.contents?.range?.[0] ?? 0))]
    }
  }
  const members: RawMember[] = []
  const obj = value as Record<string, unknown>
  const seen = new Set<string>()
  for (const pair of doc.contents.items) {
    const keyNode = pair.key
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
    const loc = keyNode && (keyNode as { range?: [number, number, number] }).range ? at((keyNode as { range: [number, number, number] }).range[0]) : {}
    if (key === '<<') continue // merge key: its members appear in `obj` below
    // Duplicate keys stay in the list: js-yaml (the panel) refuses them, checked later.
    members.push({ key, value: seen.has(key) ? undefined : obj[key], ...loc })
    seen.add(key)
  }
  // Keys brought in by a merge key (`<<: *base`) have no line of their own.
  for (const k of Object.keys(obj)) if (!seen.has(k)) members.push({ key: k, value: obj[k] })
  // For duplicates, the value we carry is the last one (what a reader would see), but a
  // YAML duplicate is an error anyway.
  return { members, problems: [] }
}

