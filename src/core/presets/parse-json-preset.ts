import { load } from 'js-yaml'
import { parse as parseJsonAst, evaluate as evaluateJson, type ObjectNode } from '@humanwhocodes/momoa'
import { problem, where } from './import-problems'
import type { Parsed, RawMember } from './parsed-preset'
import { lineColAt, type Shift } from './text-position'

/** Whether a text the panel refuses as JSON would have been a mapping for js-yaml. */
function isYamlFlowMapping(text: string): boolean {
  try {
    const v = load(text)
    return v !== null && typeof v === 'object' && !Array.isArray(v)
  } catch {
    return false
  }
}

const MOMOA_TOKENS: Record<string, string> = {
  LBrace: '"{"',
  RBrace: '"}"',
  LBracket: '"["',
  RBracket: '"]"',
  Colon: '":"',
  Comma: '","',
  String: 'text in quotes',
  Number: 'a number',
  Boolean: 'true/false',
  Null: 'null'
}

/**
 * Where and why a JSON text is broken. The panel uses `JSON.parse`, so its verdict decides;
 * V8 says "at position N", which we turn into a line and column. When V8's message carries
 * no position, momoa's tokenizer gives one.
 */
function jsonSyntaxError(text: string): { message: string; offset: number | null; loc: { line: number; column: number } | null } | null {
  try {
    JSON.parse(text)
    return null
  } catch (err) {
    const v8 = (err as Error).message
    const pos = /at position (\d+)/.exec(v8)
    if (pos && !/is not valid JSON/.test(v8)) {
      return { message: v8.replace(/\s*in JSON at position \d+.*$/s, ''), offset: Number(pos[1]), loc: null }
    }
    try {
      parseJsonAst(text)
    } catch (momoaErr) {
      const e = momoaErr as { message: string; line?: number; column?: number }
      const message = e.message
        .replace(/\s*\(\d+:\d+\)\s*$/, '')
        .replace(/token (\w+)/, (_: string, t: string) => MOMOA_TOKENS[t] ?? t)
        .replace(/ found\.?$/, '')
      return { message, offset: null, loc: typeof e.line === 'number' && typeof e.column === 'number' ? { line: e.line, column: e.column } : null }
    }
    return { message: v8, offset: null, loc: null }
  }
}

/** The panel reads a text starting with "{" with `JSON.parse`; we do too, keeping each key's line. */
export function parseJson(trimmed: string, shift: Shift): Parsed {
  const syntax = jsonSyntaxError(trimmed)
  if (syntax) {
    const raw = syntax.offset !== null ? lineColAt(trimmed, syntax.offset) : syntax.loc
    const loc = raw ? shift(raw) : {}
    const flow = isYamlFlowMapping(trimmed)
      ? ' It is a YAML flow mapping ({key: value, …}), which YAML readers accept but the panel never gives to its YAML reader: write one "key: value" per line, or JSON with double-quoted keys and texts.'
      : ''
    return {
      members: null,
      problems: [
        problem('error', `The file starts with "{", so it is read as JSON (as the panel does), but it is not valid JSON${where(loc)}: ${syntax.message}.${flow}`, loc)
      ]
    }
  }
  let ast: ReturnType<typeof parseJsonAst>
  try {
    ast = parseJsonAst(trimmed)
  } catch {
    // JSON.parse (the panel's verdict) accepted it; only the line numbers are lost.
    const value = JSON.parse(trimmed) as Record<string, unknown>
    return { members: Object.entries(value).map(([key, v]) => ({ key, value: v })), problems: [] }
  }
  const body = ast.body
  if (body.type !== 'Object') {
    return { members: null, problems: [problem('error', 'The file is JSON but not an object of keys ({"name": …}).')] }
  }
  const members: RawMember[] = (body as ObjectNode).members.map((m) => ({
    key: m.name.type === 'String' ? m.name.value : String((m.name as { name?: string }).name),
    value: evaluateJson(m.value),
    ...shift({ line: m.name.loc.start.line, column: m.name.loc.start.column })
  }))
  return { members, problems: [] }
}

