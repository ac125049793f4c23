import { jsonpath } from 'json-p3'
import type { JSONPathQuery } from 'json-p3'
import type { JsonNode, JsonObject } from './document'
import { fromJsValue, member, memberIndex } from './document'
import { compileRegex } from './regex'

/**
 * RFC 9535 evaluation over the panel-faithful document tree, with the semantics of the
 * panel's serde_json_path 0.7.2 (serde_json_path_core 0.2.2):
 * - results in document order; a descendant segment yields the node's own matches
 *   first, then each child's subtree in order (`segment.rs`, `descend`);
 * - filter comparisons: numbers compare as f64 (`1 == 1.0`), strings by code point,
 *   other values by serde_json equality (nested numbers: `1` ≠ `1.0`; objects
 *   order-insensitive) (`selector/filter.rs`);
 * - `match`/`search` use Rust's regex crate in CRLF mode (see regex.ts).
 *
 * json-p3 does the RFC 9535 parse (and rejects what serde_json_path rejects); its
 * syntax tree is compiled once into the plan below, which evaluates without
 * allocating per visited node. Browser-safe.
 */

const { selectors: S, expressions: E } = jsonpath

type Plan = { root: boolean; segments: Segment[]; singular: SingularStep[] | null }
type Segment = { descendant: boolean; selectors: Selector[] }
type Selector =
  | { t: 'name'; name: string }
  | { t: 'index'; index: number }
  | { t: 'slice'; start: number | undefined; stop: number | undefined; step: number | undefined }
  | { t: 'wild' }
  | { t: 'filter'; expr: Logical }
type SingularStep = { t: 'name'; name: string } | { t: 'index'; index: number }

type Logical =
  | { t: 'and'; l: Logical; r: Logical }
  | { t: 'or'; l: Logical; r: Logical }
  | { t: 'not'; e: Logical }
  | { t: 'cmp'; op: string; l: Comparable; r: Comparable }
  | { t: 'exists'; q: Plan }
  | { t: 'fn'; f: FnCall }

type Comparable = { t: 'lit'; node: JsonNode } | { t: 'query'; q: Plan } | { t: 'fn'; f: FnCall }
type FnArg = Comparable | { t: 'logical'; e: Logical }
type FnCall = { name: string; args: FnArg[] }

/** The special result "Nothing" of RFC 9535 §2.3.5.1 (an absent value). */
const NOTHING = Symbol('Nothing')
type Value = JsonNode | typeof NOTHING

export class CompileError extends Error {}

function compileQuery(q: JSONPathQuery, root: boolean): Plan {
  const segments: Segment[] = q.segments.map((seg) => ({
    // DescendantSegment is not exported by json-p3; its text form always starts with "..".
    descendant: seg.toString().startsWith('..'),
    selectors: seg.selectors.map(compileSelector)
  }))
  let singular: SingularStep[] | null = []
  for (const s of segments) {
    const only = s.selectors.length === 1 ? s.selectors[0]! : null
    if (s.descendant || !only || (only.t !== 'name' && only.t !== 'index')) {
      singular = null
      break
    }
    singular.push(only)
  }
  return { root, segments, singular }
}

function compileSelector(s: unknown): Selector {
  if (s instanceof S.NameSelector) return { t: 'name', name: s.name }
  if (s instanceof S.IndexSelector) return { t: 'index', index: s.index }
  if (s instanceof S.SliceSelector) return { t: 'slice', start: s.start, stop: s.stop, step: s.step }
  if (s instanceof S.WildcardSelector) return { t: 'wild' }
  if (s instanceof S.FilterSelector) return { t: 'filter', expr: compileLogical(s.expression) }
  throw new CompileError(`unsupported selector ${String(s)}`)
}

function compileLogical(e: unknown): Logical {
  if (e instanceof E.LogicalExpression) return compileLogical(e.expression)
  if (e instanceof E.PrefixExpression) return { t: 'not', e: compileLogical(e.right) }
  if (e instanceof E.InfixExpression) {
    if (e.operator === '&&') return { t: 'and', l: compileLogical(e.left), r: compileLogical(e.right) }
    if (e.operator === '||') return { t: 'or', l: compileLogical(e.left), r: compileLogical(e.right) }
    return { t: 'cmp', op: e.operator, l: compileComparable(e.left), r: compileComparable(e.right) }
  }
  if (e instanceof E.RootQuery || e instanceof E.RelativeQuery) return { t: 'exists', q: compileQuery(e.path, e instanceof E.RootQuery) }
  if (e instanceof E.FunctionExtension) return { t: 'fn', f: compileFn(e) }
  throw new CompileError(`unsupported filter expression ${String(e)}`)
}

function compileComparable(e: unknown): Comparable {
  if (e instanceof E.NullLiteral) return { t: 'lit', node: fromJsValue(null) }
  if (e instanceof E.BooleanLiteral || e instanceof E.StringLiteral || e instanceof E.NumberLiteral) {
    return { t: 'lit', node: fromJsValue(e.value) }
  }
  if (e instanceof E.RootQuery || e instanceof E.RelativeQuery) return { t: 'query', q: compileQuery(e.path, e instanceof E.RootQuery) }
  if (e instanceof E.FunctionExtension) return { t: 'fn', f: compileFn(e) }
  throw new CompileError(`unsupported comparable ${String(e)}`)
}

function compileFn(e: InstanceType<typeof E.FunctionExtension>): FnCall {
  return {
    name: e.name,
    args: e.args.map((a): FnArg => {
      if (a instanceof E.LogicalExpression || a instanceof E.InfixExpression || a instanceof E.PrefixExpression) {
        return { t: 'logical', e: compileLogical(a) }
      }
      return compileComparable(a)
    })
  }
}

/** A compiled query: the plan plus json-p3's parse (kept for its canonical text). */
export interface CompiledPath {
  readonly source: string
  readonly plan: Plan
  /** True when RFC 9535 says the query yields at most one node. */
  readonly singular: boolean
}

/** Turns json-p3's parse into an evaluation plan. */
export function compilePlan(source: string, query: JSONPathQuery): CompiledPath {
  const plan = compileQuery(query, true)
  return { source, plan, singular: plan.singular !== null }
}

// ---------------------------------------------------------------------------------
// Evaluation

function childOf(node: JsonNode, step: SingularStep): JsonNode | undefined {
  if (step.t === 'name') {
    return node.type === 'object' ? member(node, step.name) : undefined
  }
  if (node.type !== 'array') return undefined
  const i = step.index < 0 ? node.items.length + step.index : step.index
  return node.items[i]
}

function select(sel: Selector, node: JsonNode, root: JsonNode, out: JsonNode[]): void {
  switch (sel.t) {
    case 'name':
    case 'index': {
      const c = childOf(node, sel)
      if (c) out.push(c)
      return
    }
    case 'wild':
      if (node.type === 'array') for (const c of node.items) out.push(c)
      else if (node.type === 'object') for (const c of node.values) out.push(c)
      return
    case 'slice':
      if (node.type === 'array') slice(node.items, sel, out)
      return
    case 'filter': {
      const list = node.type === 'array' ? node.items : node.type === 'object' ? node.values : null
      if (!list) return
      for (const c of list) if (test(sel.expr, c, root)) out.push(c)
      return
    }
  }
}

/** RFC 9535 §2.3.4.2.2: normative slice semantics. */
function slice(items: JsonNode[], s: { start?: number; stop?: number; step?: number }, out: JsonNode[]): void {
  const len = items.length
  const step = s.step ?? 1
  if (step === 0 || len === 0) return
  const norm = (i: number): number => (i >= 0 ? i : len + i)
  if (step > 0) {
    const lower = Math.min(Math.max(norm(s.start ?? 0), 0), len)
    const upper = Math.min(Math.max(norm(s.stop ?? len), 0), len)
    for (let i = lower; i < upper; i += step) out.push(items[i]!)
  } else {
    const upper = Math.min(Math.max(s.start === undefined ? len - 1 : norm(s.start), -1), len - 1)
    const lower = Math.min(Math.max(s.stop === undefined ? -len - 1 : norm(s.stop), -1), len - 1)
    for (let i = upper; lower < i; i += step) out.push(items[i]!)
  }
}

function applySegment(seg: Segment, node: JsonNode, root: JsonNode, out: JsonNode[]): void {
  for (const sel of seg.selectors) select(sel, node, root, out)
  if (seg.descendant) {
    if (node.type === 'array') for (const c of node.items) applySegment(seg, c, root, out)
    else if (node.type === 'object') for (const c of node.values) applySegment(seg, c, root, out)
  }
}

function run(plan: Plan, current: JsonNode, root: JsonNode): JsonNode[] {
  const start = plan.root ? root : current
  if (plan.singular) {
    let n: JsonNode | undefined = start
    for (const step of plan.singular) {
      n = childOf(n, step)
      if (!n) return []
    }
    return [n]
  }
  let nodes: JsonNode[] = [start]
  for (const seg of plan.segments) {
    const out: JsonNode[] = []
    for (const n of nodes) applySegment(seg, n, root, out)
    nodes = out
    if (nodes.length === 0) break
  }
  return nodes
}

function singularValue(plan: Plan, current: JsonNode, root: JsonNode): Value {
  const r = run(plan, current, root)
  return r.length === 1 ? r[0]! : NOTHING
}

function test(e: Logical, current: JsonNode, root: JsonNode): boolean {
  switch (e.t) {
    case 'and':
      return test(e.l, current, root) && test(e.r, current, root)
    case 'or':
      return test(e.l, current, root) || test(e.r, current, root)
    case 'not':
      return !test(e.e, current, root)
    case 'exists':
      return run(e.q, current, root).length > 0
    case 'fn': {
      const v = callFn(e.f, current, root)
      if (typeof v === 'boolean') return v
      if (Array.isArray(v)) return v.length > 0
      return false
    }
    case 'cmp':
      return compare(e.op, comparableValue(e.l, current, root), comparableValue(e.r, current, root))
  }
}

function comparableValue(c: Comparable, current: JsonNode, root: JsonNode): Value {
  if (c.t === 'lit') return c.node
  if (c.t === 'query') return singularValue(c.q, current, root)
  const v = callFn(c.f, current, root)
  if (typeof v === 'boolean' || Array.isArray(v)) return NOTHING
  return v
}

type FnResult = Value | boolean | JsonNode[]

/** A ValueType argument: a query yields its single node or Nothing. */
function argValue(a: FnArg, current: JsonNode, root: JsonNode): Value {
  if (a.t === 'logical') return NOTHING
  if (a.t === 'query') return singularValue(a.q, current, root)
  return comparableValue(a, current, root)
}

function argNodes(a: FnArg, current: JsonNode, root: JsonNode): JsonNode[] {
  if (a.t === 'query') return run(a.q, current, root)
  const v = a.t === 'logical' ? NOTHING : comparableValue(a, current, root)
  return v === NOTHING ? [] : [v]
}

function codePointLength(s: string): number {
  let n = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--
        i++
      }
    }
  }
  return n
}

const numberNode = (value: number): JsonNode => fromJsValue(value)

function callFn(f: FnCall, current: JsonNode, root: JsonNode): FnResult {
  switch (f.name) {
    case 'length': {
      const v = argValue(f.args[0]!, current, root)
      if (v === NOTHING) return NOTHING
      if (v.type === 'string') return numberNode(codePointLength(v.value))
      if (v.type === 'array') return numberNode(v.items.length)
      if (v.type === 'object') return numberNode(v.keys.length)
      return NOTHING
    }
    case 'count':
      return numberNode(argNodes(f.args[0]!, current, root).length)
    case 'value': {
      const nodes = argNodes(f.args[0]!, current, root)
      return nodes.length === 1 ? nodes[0]! : NOTHING
    }
    case 'match':
    case 'search': {
      const v = argValue(f.args[0]!, current, root)
      const r = argValue(f.args[1]!, current, root)
      if (v === NOTHING || r === NOTHING || v.type !== 'string' || r.type !== 'string') return false
      const re = compileRegex(r.value, f.name === 'match')
      return re ? re.test(v.value) : false
    }
    default:
      // json-p3's well-typedness check only lets the five RFC 9535 functions through.
      return NOTHING
  }
}

// --- comparisons (serde_json_path_core selector/filter.rs) ---

/** Rust `str` ordering: by code point (UTF-16 order differs above U+D7FF). */
function stringLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    const xs = x >= 0xd800 && x <= 0xdfff
    const ys = y >= 0xd800 && y <= 0xdfff
    if (xs === ys) return x < y
    // A surrogate (astral code point) is greater than any BMP code point.
    return ys
  }
  return a.length < b.length
}

/** serde_json `Value` equality (nested numbers compare by variant, as `N` derives it). */
function deepEqual(a: JsonNode, b: JsonNode): boolean {
  if (a.type !== b.type) return false
  switch (a.type) {
    case 'null':
      return true
    case 'bool':
    case 'string':
      return a.value === (b as typeof a).value
    case 'number': {
      const bn = b as typeof a
      if (a.kind !== bn.kind) return false
      return a.kind === 'float' ? a.value === bn.value : a.text === bn.text
    }
    case 'array': {
      const bi = (b as typeof a).items
      if (a.items.length !== bi.length) return false
      for (let i = 0; i < bi.length; i++) if (!deepEqual(a.items[i]!, bi[i]!)) return false
      return true
    }
    case 'object': {
      const bo = b as JsonObject
      if (a.keys.length !== bo.keys.length) return false
      for (let i = 0; i < a.keys.length; i++) {
        const j = memberIndex(bo, a.keys[i]!)
        if (j === -1 || !deepEqual(a.values[i]!, bo.values[j]!)) return false
      }
      return true
    }
  }
}

function valueEqual(a: Value, b: Value): boolean {
  if (a === NOTHING || b === NOTHING) return a === b
  if (a.type === 'number' && b.type === 'number') return a.value === b.value
  return deepEqual(a, b)
}

function valueLess(a: Value, b: Value): boolean {
  if (a === NOTHING || b === NOTHING) return false
  if (a.type === 'number' && b.type === 'number') return a.value < b.value
  if (a.type === 'string' && b.type === 'string') return stringLess(a.value, b.value)
  return false
}

function sameType(a: Value, b: Value): boolean {
  return a !== NOTHING && b !== NOTHING && a.type === b.type
}

function compare(op: string, l: Value, r: Value): boolean {
  switch (op) {
    case '==':
      return valueEqual(l, r)
    case '!=':
      return !valueEqual(l, r)
    case '<':
      return sameType(l, r) && valueLess(l, r)
    case '>':
      return sameType(l, r) && !valueLess(l, r) && !valueEqual(l, r)
    case '<=':
      return sameType(l, r) && (valueLess(l, r) || valueEqual(l, r))
    case '>=':
      return sameType(l, r) && !valueLess(l, r)
    default:
      return false
  }
}

/** Runs a compiled query over a document; nodes in the panel's order. */
export function evaluatePlan(path: CompiledPath, root: JsonNode): JsonNode[] {
  return run(path.plan, root, root)
}
