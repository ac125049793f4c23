import { AppError } from '../../shared/errors'
import { findExcessNesting, JSONPATH_NESTING, MAX_JSONPATH_NESTING } from '../limits/nesting'

/**
 * The panel's JSONPath engine (serde_json_path + serde_json, compiled from engine/ to WebAssembly)
 * behind a typed API. Host-neutral: Node loads the module from disk (load-node.ts), the Claims worker
 * from a Vite asset URL. Every answer comes from the panel's own crates; see docs/jsonpath-engine.md.
 */

export type EngineNodeKind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object'

export interface EngineNode {
  /** RFC 9535 normalized path, e.g. `$['groups'][0]`. */
  location: string
  /** The same location as member names and array indices. */
  segments: Array<string | number>
  /** serde_json's text of the node (cut at the requested length when `cut`). */
  json: string
  cut: boolean
  kind: EngineNodeKind
}

export type DocumentParse =
  | { ok: true; handle: number }
  /** serde_json's message, e.g. `expected value at line 1 column 1`. */
  | { ok: false; error: string; line: number; column: number }

export interface PathRefusal {
  /** serde_json_path's whole message (`at position N, …`). */
  error: string
  /** Its message without the position. */
  message: string
  /** serde_json_path's position (as it reports it). */
  position: number
  /** The same place as an index into the JavaScript string. */
  offset: number
}

export type PathCheck = { ok: true } | ({ ok: false } & PathRefusal)

export interface QueryAnswer {
  valid: boolean
  refusal: PathRefusal | null
  /** Number of nodes the query selects (0 without a document). */
  count: number
  /** The first `nodeLimit` nodes. */
  nodes: EngineNode[]
  /** The panel's value of a field: the first node, a string as is else serde_json's text, cut at `valueMax` bytes. */
  value: string | null
  valueCut: boolean
}

export interface QueryOptions {
  nodeLimit?: number
  /** Bytes of each node's text to keep (0: all). */
  textMax?: number
  /** The panel's byte limit for the value (255; username 15). */
  valueMax?: number
}

export interface EngineInfo {
  source_hash: string
  crates: Record<string, string>
  server_permissions: string[]
}

/** The parts of the WebAssembly API used here (the Node typings this project builds with lack them). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => CompiledEngine
  Instance: new (module: CompiledEngine, imports: object) => { exports: unknown }
  compile(bytes: ArrayBuffer | Uint8Array): Promise<CompiledEngine>
}
/** A compiled module (WebAssembly.Module). */
export type CompiledEngine = object

const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly

interface Exports {
  memory: { buffer: ArrayBuffer }
  init(): void
  alloc(len: number): number
  dealloc(ptr: number, len: number): void
  engine_info(): bigint
  document_parse(ptr: number, len: number): bigint
  document_free(handle: number): void
  path_query(handle: number, ptr: number, len: number, nodeLimit: number, textMax: number, valueMax: number): bigint
  mappings_evaluate(bodyPtr: number, bodyLen: number, reqPtr: number, reqLen: number): bigint
}

interface RawQuery {
  valid: boolean
  error: string | null
  message?: string
  position?: number
  utf16_offset?: number
  count: number
  nodes: EngineNode[]
  value: string | null
  value_cut: boolean
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Handles carry the instance's generation, so a handle from before a restart is never read as another body. */
const GENERATION = 2 ** 20

export class PanelEngine {
  private x: Exports
  private generation = 0

  constructor(private readonly module: CompiledEngine) {
    this.x = this.instantiate()
  }

  private instantiate(): Exports {
    const x = new wasm.Instance(this.module, {}).exports as Exports
    x.init()
    return x
  }

  /**
   * Runs one call into the module. A trap (a bug, or a stack exhausted by something the nesting limit let
   * through) leaves the instance unusable: it is replaced, and the bodies it held are gone.
   */
  private call<T>(f: () => T): T {
    try {
      return f()
    } catch (err) {
      this.x = this.instantiate()
      this.generation++
      throw new AppError('internal', `The JSONPath engine stopped (${(err as Error).message}) and was restarted.`, {
        hint: 'Paste or fetch the userinfo document again.',
        cause: err
      })
    }
  }

  private inner(handle: number): number {
    if (handle === 0) return 0
    if (Math.floor(handle / GENERATION) !== this.generation) {
      throw new AppError('engine.unavailable', 'The JSONPath engine was restarted; this userinfo document is no longer loaded.', {
        hint: 'Paste or fetch the userinfo document again.'
      })
    }
    return handle % GENERATION
  }

  private put(bytes: Uint8Array): [number, number] {
    const ptr = this.x.alloc(bytes.length)
    new Uint8Array(this.x.memory.buffer, ptr, bytes.length).set(bytes)
    return [ptr, bytes.length]
  }

  private take<T>(packed: bigint): T {
    const word = BigInt.asUintN(64, packed)
    const ptr = Number(word >> 32n)
    const len = Number(word & 0xffffffffn)
    const text = decoder.decode(new Uint8Array(this.x.memory.buffer, ptr, len))
    this.x.dealloc(ptr, len)
    return JSON.parse(text) as T
  }

  private withBytes<T>(bytes: Uint8Array, f: (ptr: number, len: number) => T): T {
    const [ptr, len] = this.put(bytes)
    try {
      return f(ptr, len)
    } finally {
      this.x.dealloc(ptr, len)
    }
  }

  info(): EngineInfo {
    return this.call(() => this.take<EngineInfo>(this.x.engine_info()))
  }

  /** Reads a userinfo body as the panel does (bytes; a string is sent as UTF-8). Free the handle when done. */
  parseDocument(body: Uint8Array | string): DocumentParse {
    const bytes = typeof body === 'string' ? encoder.encode(body) : body
    const parsed = this.call(() => this.withBytes(bytes, (p, n) => this.take<DocumentParse>(this.x.document_parse(p, n))))
    return parsed.ok ? { ok: true, handle: this.generation * GENERATION + parsed.handle } : parsed
  }

  freeDocument(handle: number): void {
    if (Math.floor(handle / GENERATION) === this.generation) this.x.document_free(handle % GENERATION)
  }

  /** Runs `path` on a parsed document (handle 0: only parse the path). */
  query(handle: number, path: string, opts: QueryOptions = {}): QueryAnswer {
    const tooDeep = findExcessNesting(path, MAX_JSONPATH_NESTING, JSONPATH_NESTING)
    if (tooDeep !== -1) {
      // The panel's parser is recursive: thousands of levels exhaust its stack (it crashes). Refused before.
      const message = `The path nests brackets or parentheses more than ${MAX_JSONPATH_NESTING} levels deep; the panel's recursive parser can crash on such paths.`
      return {
        valid: false,
        refusal: { error: message, message, position: tooDeep, offset: tooDeep },
        count: 0,
        nodes: [],
        value: null,
        valueCut: false
      }
    }
    const inner = this.inner(handle)
    const raw = this.call(() =>
      this.withBytes(encoder.encode(path), (p, n) =>
        this.take<RawQuery>(this.x.path_query(inner, p, n, opts.nodeLimit ?? 0, opts.textMax ?? 0, opts.valueMax ?? 255))
      )
    )
    const refusal: PathRefusal | null = raw.valid
      ? null
      : { error: raw.error ?? '', message: raw.message ?? raw.error ?? '', position: raw.position ?? 0, offset: raw.utf16_offset ?? 0 }
    return { valid: raw.valid, refusal, count: raw.count, nodes: raw.nodes, value: raw.value, valueCut: raw.value_cut }
  }

  /** Whether the panel accepts `path` (`JsonPath::parse`, its `validate_json_path`). */
  checkPath(path: string): PathCheck {
    const answer = this.query(0, path)
    return answer.refusal ? { ok: false, ...answer.refusal } : { ok: true }
  }

  /** The mapping evaluation; see mappings.ts for the typed form. */
  evaluateMappingsRaw(body: Uint8Array | string, request: unknown): unknown {
    const bodyBytes = typeof body === 'string' ? encoder.encode(body) : body
    const reqBytes = encoder.encode(JSON.stringify(request))
    return this.call(() =>
      this.withBytes(bodyBytes, (bp, bn) =>
        this.withBytes(reqBytes, (rp, rn) => this.take<unknown>(this.x.mappings_evaluate(bp, bn, rp, rn)))
      )
    )
  }
}

/** Instantiates the module (it has no imports). Synchronous: fine in Node and in a worker. */
export function instantiatePanelEngine(module: CompiledEngine): PanelEngine {
  return new PanelEngine(module)
}

/** Compiles the module's bytes synchronously (Node, workers: not a browser's main thread). */
export function compilePanelEngineSync(bytes: Uint8Array): CompiledEngine {
  return new wasm.Module(bytes)
}

/** Fetches, compiles and instantiates the module from a URL (the Vite asset in the renderer). */
export async function loadPanelEngineFromUrl(url: string): Promise<PanelEngine> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`could not load the JSONPath engine (${url}): HTTP ${response.status}`)
  return instantiatePanelEngine(await wasm.compile(await response.arrayBuffer()))
}
