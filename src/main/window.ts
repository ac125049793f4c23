import type { BrowserWindowConstructorOptions } from 'electron'
import { CSP } from '../shared/content-security'

/** An event Electron lets a listener cancel. */
export interface PreventableEvent {
  preventDefault(): void
}

/** The part of WebContents the lock-down uses. */
export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-attach-webview' | 'will-frame-navigate',
    listener: (event: PreventableEvent, ...args: unknown[]) => void
  ): unknown
  on(event: 'devtools-opened', listener: () => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void
  closeDevTools(): void
}

/** The part of a Session the lock-down uses. */
export interface SessionLike {
  setPermissionRequestHandler(handler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string) => boolean) | null): void
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void
      ) => void
    ): void
  }
}

export interface BrowserWindowLike {
  webContents: WebContentsLike
  once(event: 'ready-to-show', listener: () => void): unknown
  show(): void
  loadURL(url: string): Promise<void>
}

export type WindowFactory = (options: BrowserWindowConstructorOptions) => BrowserWindowLike

export interface MainWindowConfig {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string
  iconPath: string
  /** app://calagopus/index.html, or the dev server's URL in development. */
  entryUrl: string
  /** Packaged builds: no DevTools. */
  production: boolean
  /** Where window.open / target=_blank links go instead of a new window. */
  openExternal: (url: string) => Promise<boolean>
}

/**
 * The window's options: isolated, sandboxed, no Node in the page or its workers, web
 * security on, no insecure content, no <webview>, DevTools only in development.
 */
export function mainWindowOptions(cfg: Pick<MainWindowConfig, 'preloadPath' | 'iconPath' | 'production'>): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 860,
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: 'Calagopus OAuth Setup Assistant',
    autoHideMenuBar: true,
    // Windows and macOS take the icon from the packaged app; Linux needs it here.
    icon: cfg.iconPath,
    webPreferences: {
      preload: cfg.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: !cfg.production,
      spellcheck: false
    }
  }
}

/**
 * Every WebContents of the app (the window's and any created later): no navigation away
 * from the loaded page, no redirects, no <webview>, no new windows (their links go to
 * the system browser), and in production DevTools closed should anything open them.
 */
export function lockDownContents(contents: WebContentsLike, opts: Pick<MainWindowConfig, 'openExternal' | 'production'>): void {
  const refuse = (event: PreventableEvent): void => event.preventDefault()
  contents.on('will-navigate', refuse)
  contents.on('will-frame-navigate', refuse)
  contents.on('will-redirect', refuse)
  contents.on('will-attach-webview', refuse)
  contents.setWindowOpenHandler(({ url }) => {
    void opts.openExternal(url)
    return { action: 'deny' }
  })
  if (opts.production) contents.on('devtools-opened', () => contents.closeDevTools())
}

/**
 * The session: no permission (camera, notifications, clipboard…) is granted, and none
 * reported as granted when a page merely checks; every response carries the CSP.
 */
export function lockDownSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
}

/** Creates the one window through `factory` (Electron's BrowserWindow in the app, a fake in tests). */
export function createMainWindow(factory: WindowFactory, cfg: MainWindowConfig): BrowserWindowLike {
  const win = factory(mainWindowOptions(cfg))
  lockDownContents(win.webContents, cfg)
  win.once('ready-to-show', () => win.show())
  void win.loadURL(cfg.entryUrl)
  return win
}
