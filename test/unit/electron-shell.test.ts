import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/core/handlers'
import { Dispatcher } from '../../src/core/rpc/dispatcher'
import { MemoryVault } from '../../src/core/vault/memory-vault'
import { APP_ENTRY_URL, isAppUrl } from '../../src/main/app-origin'
import { createAppProtocolHandler, resolveAppFile } from '../../src/main/app-protocol'
import { createSafeOpener } from '../../src/main/external-links'
import { FORBIDDEN, registerIpc, type IpcEventLike, type IpcMainLike } from '../../src/main/ipc'
import { secretsStoreOptions } from '../../src/main/secrets-store-options'
import { createMainWindow, lockDownSession, type BrowserWindowLike, type PreventableEvent, type SessionLike } from '../../src/main/window'
import { METHODS } from '../../src/shared/api'
import { CSP } from '../../src/shared/content-security'
import { IPC_CALL, IPC_CANCEL } from '../../src/shared/transport'

type Listener = (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>()
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, listener)
  }
  invoke(channel: string, event: IpcEventLike, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel)
    if (!h) throw new Error(`no handler for ${channel}`)
    return h(event, ...args)
  }
}

const top = (url: string): IpcEventLike => ({ senderFrame: { url, parent: null } })

function recordingDispatcher() {
  const calls: Array<{ method: string; input: unknown; callId?: string }> = []
  const cancels: string[] = []
  return {
    calls,
    cancels,
    call: async (method: string, input: unknown, callId?: string) => {
      calls.push({ method, input, ...(callId ? { callId } : {}) })
      return { ok: true as const, data: { method } }
    },
    cancel: (callId: string) => {
      cancels.push(callId)
      return true
    }
  }
}

describe('Electron shell: IPC', () => {
  const setup = (devServerUrl?: string) => {
    const ipc = new FakeIpcMain()
    const d = recordingDispatcher()
    registerIpc(ipc, d, (url) => isAppUrl(url, devServerUrl))
    return { ipc, d }
  }

  it('registers the call and cancel channels, and every contract method reaches a handler', async () => {
    const { ipc } = setup()
    expect([...ipc.handlers.keys()].sort()).toEqual([IPC_CALL, IPC_CANCEL].sort())
    // With the real dispatcher and handler table: no method is unknown to the shell.
    const real = new FakeIpcMain()
    const services = {
      mode: 'electron' as const,
      version: 't',
      dataDir: '/nonexistent',
      openExternal: async () => false,
      vault: new MemoryVault()
    }
    registerIpc(real, new Dispatcher(createHandlers(services)), (url) => isAppUrl(url))
    expect(METHODS.length).toBeGreaterThan(20)
    for (const method of METHODS) {
      const r = (await real.invoke(IPC_CALL, top(APP_ENTRY_URL), { method, input: { __not_valid__: 1 } })) as {
        ok: boolean
        error?: { code: string }
      }
      expect(r.error?.code, method).not.toBe('rpc.unknown-method')
      expect(r.error?.code, method).not.toBe('rpc.forbidden')
    }
  })

  it('passes a call from the app’s top frame through unchanged', async () => {
    const { ipc, d } = setup()
    await ipc.invoke(IPC_CALL, top('app://calagopus/index.html#/claims'), { method: 'presets:list', input: { a: 1 }, callId: 'c1' })
    expect(d.calls).toEqual([{ method: 'presets:list', input: { a: 1 }, callId: 'c1' }])
  })

  const foreign: Array<[string, IpcEventLike]> = [
    ['any file:// page', top('file:///home/admin/Downloads/evil.html')],
    ['the old file:// entry itself', top('file:///opt/app/resources/app.asar/out/renderer/index.html')],
    ['another app:// host', top('app://evil/index.html')],
    ['a look-alike scheme', top('apps://calagopus/index.html')],
    ['a remote page', top('https://evil.example/')],
    ['userinfo trick', top('app://x@calagopus/index.html')],
    ['a subframe of the app', { senderFrame: { url: APP_ENTRY_URL, parent: {} } }],
    ['a destroyed frame', { senderFrame: null }],
    ['a garbage url', top('not a url')]
  ]
  for (const [what, event] of foreign) {
    it(`refuses a call from ${what}, and its cancel`, async () => {
      const { ipc, d } = setup()
      expect(await ipc.invoke(IPC_CALL, event, { method: 'presets:list', input: {} })).toEqual(FORBIDDEN)
      await ipc.invoke(IPC_CANCEL, event, 'c1')
      expect(d.calls).toEqual([])
      expect(d.cancels).toEqual([])
    })
  }

  it('in development accepts only the dev server’s exact origin', async () => {
    const { ipc, d } = setup('http://localhost:5173')
    await ipc.invoke(IPC_CALL, top('http://localhost:5173/index.html'), { method: 'presets:list' })
    expect(d.calls).toHaveLength(1)
    for (const url of ['http://localhost:5173.evil.example/', 'http://localhost:51730/', 'https://localhost:5173/', APP_ENTRY_URL])
      expect(await ipc.invoke(IPC_CALL, top(url), { method: 'presets:list' }), url).toEqual(FORBIDDEN)
    expect(d.calls).toHaveLength(1)
  })

  it('a cancel from the app reaches the dispatcher', async () => {
    const { ipc, d } = setup()
    await ipc.invoke(IPC_CANCEL, top(APP_ENTRY_URL), 'c9')
    expect(d.cancels).toEqual(['c9'])
  })
})

class FakeContents {
  readonly listeners = new Map<string, Array<(...a: unknown[]) => void>>()
  openHandler: ((d: { url: string }) => { action: string }) | null = null
  devToolsClosed = 0
  on(event: string, listener: (...a: unknown[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.openHandler = h
  }
  closeDevTools(): void {
    this.devToolsClosed++
  }
  /** Emits a cancellable event; true when some listener cancelled it. */
  emitPreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false
    const e: PreventableEvent = { preventDefault: () => void (prevented = true) }
    for (const l of this.listeners.get(event) ?? []) l(e, ...args)
    return prevented
  }
}

function fakeWindow(production: boolean) {
  const contents = new FakeContents()
  const opened: string[] = []
  const loaded: string[] = []
  let options: Record<string, unknown> = {}
  const win = createMainWindow(
    (o) => {
      options = o as Record<string, unknown>
      return {
        webContents: contents,
        once: () => undefined,
        show: () => undefined,
        loadURL: async (url: string) => void loaded.push(url)
      } as unknown as BrowserWindowLike
    },
    {
      preloadPath: '/app/out/preload/index.cjs',
      iconPath: '/app/resources/icon.png',
      entryUrl: APP_ENTRY_URL,
      production,
      openExternal: async (url) => {
        opened.push(url)
        return true
      }
    }
  )
  return { win, contents, opened, loaded, options: options as { webPreferences: Record<string, unknown> } }
}

describe('Electron shell: the window', () => {
  it('is created isolated, sandboxed, without Node, webviews or (in production) DevTools', () => {
    const { options, loaded } = fakeWindow(true)
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      preload: '/app/out/preload/index.cjs'
    })
    expect(loaded).toEqual(['app://calagopus/index.html'])
    expect(fakeWindow(false).options.webPreferences.devTools).toBe(true)
  })

  it('blocks navigation, redirects and webviews', () => {
    const { contents } = fakeWindow(true)
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])
      expect(contents.emitPreventable(event, 'https://evil.example/'), event).toBe(true)
  })

  it('opens no new window: http(s) links go to the system browser, others nowhere', async () => {
    const { contents, opened } = fakeWindow(true)
    expect(contents.openHandler?.({ url: 'https://idp.example/x|y' })).toEqual({ action: 'deny' })
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    await new Promise((r) => setTimeout(r, 0))
    // Both go to the opener the app passes in, which is the safe one:
    expect(opened).toEqual(['https://idp.example/x|y', 'file:///etc/passwd'])
    const seen: string[] = []
    const safe = createSafeOpener(async (u) => void seen.push(u))
    expect(await safe('file:///etc/passwd')).toBe(false)
    expect(await safe('https://idp.example/x|y')).toBe(true)
    expect(seen).toEqual(['https://idp.example/x%7Cy'])
  })

  it('closes DevTools in production should anything open them', () => {
    const prod = fakeWindow(true).contents
    for (const l of prod.listeners.get('devtools-opened') ?? []) l()
    expect(prod.devToolsClosed).toBe(1)
    expect(fakeWindow(false).contents.listeners.get('devtools-opened')).toBeUndefined()
  })

  it('the session grants no permission on request or on check, and sends the CSP', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null
    let check: ((wc: unknown, p: string) => boolean) | null = null
    let headers: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | null = null
    const session: SessionLike = {
      setPermissionRequestHandler: (h) => void (request = h),
      setPermissionCheckHandler: (h) => void (check = h),
      webRequest: { onHeadersReceived: (l) => void (headers = l) }
    }
    lockDownSession(session)
    for (const p of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      let granted: boolean | undefined
      request!(null, p, (g) => (granted = g))
      expect(granted, p).toBe(false)
      expect(check!(null, p), p).toBe(false)
    }
    let out: unknown
    headers!({ responseHeaders: { 'content-security-policy': ['default-src *'] } }, (r) => (out = r))
    expect(out).toMatchObject({ responseHeaders: { 'Content-Security-Policy': [CSP] } })
  })
})

describe('Electron shell: the app:// protocol', () => {
  let base: string
  let root: string
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'app-proto-'))
    root = join(base, 'renderer')
    mkdirSync(join(root, 'assets'), { recursive: true })
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>')
    writeFileSync(join(root, 'assets', 'main.js'), 'console.log(1)')
    writeFileSync(join(base, 'secret.txt'), 'OUTSIDE')
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.js'))
  })
  afterAll(() => rmSync(base, { recursive: true, force: true }))

  it('resolves the app’s own files', async () => {
    expect(await resolveAppFile(root, 'app://calagopus/')).toBe(join(root, 'index.html'))
    expect(await resolveAppFile(root, 'app://calagopus/assets/main.js?v=1#x')).toBe(join(root, 'assets', 'main.js'))
  })

  for (const url of [
    'app://calagopus/../secret.txt',
    'app://calagopus/%2e%2e/secret.txt',
    'app://calagopus/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://calagopus/..%5csecret.txt',
    'app://calagopus/index.html%00.js',
    'app://calagopus/assets/link.js',
    'app://other/index.html',
    'file:///etc/passwd',
    'app://calagopus/%E0%A4%A'
  ]) {
    it(`refuses ${url}`, async () => {
      expect(await resolveAppFile(root, url)).toBeNull()
      const res = await createAppProtocolHandler(root)(new Request(url.startsWith('file:') ? 'app://calagopus/x/../../etc/passwd' : url))
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain('OUTSIDE')
    })
  }

  it('serves with the type and the CSP, GET only', async () => {
    const h = createAppProtocolHandler(root)
    const res = await h(new Request('app://calagopus/assets/main.js'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(CSP)
    // No CORS grant: another origin can never read the app's files through app://.
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect((await h(new Request('app://calagopus/index.html', { method: 'POST', body: 'x' }))).status).toBe(405)
  })
})

describe('Electron shell: the preload and the secrets file', () => {
  it('the preload bundles only the transport: no zod, under 2 KB', async () => {
    const out = await build({
      entryPoints: [join(import.meta.dirname, '../../src/preload/index.ts')],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      external: ['electron'],
      metafile: true,
      logLevel: 'silent'
    })
    const code = out.outputFiles[0]!.text
    const inputs = Object.keys(out.metafile.inputs)
    expect(inputs.filter((i) => i.includes('node_modules'))).toEqual([])
    expect(inputs.map((i) => i.replace(/^.*src\//, 'src/')).sort()).toEqual(['src/preload/index.ts', 'src/shared/transport.ts'])
    expect(code).not.toMatch(/zod|ZodError|safeParse/)
    expect(Buffer.byteLength(code)).toBeLessThan(2048)
    expect(code).toContain('exposeInMainWorld')
  })

  it('secrets.json is written readable by its owner only (0600)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-mode-'))
    try {
      // electron-store is conf with `name` passed as `configName` (it needs Electron to load).
      const opts = secretsStoreOptions(dir)
      const store = new Conf<Record<string, unknown>>({ ...opts, configName: opts.name, projectName: 'calagopus-test' })
      store.set('secrets', { 'client-secret/x': 'v1:abc' })
      expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
