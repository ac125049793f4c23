import { BrowserWindow, session, shell } from 'electron'
import { join } from 'node:path'
import { httpUrlOrNull } from '../core/net/http'
import { APP_CSP } from '../shared/csp'

/** Only http(s) links leave the app, and only to the system browser. */
export function openExternalSafely(url: string): Promise<boolean> {
  const u = httpUrlOrNull(url)
  if (!u) return Promise.resolve(false)
  return shell.openExternal(u.toString()).then(
    () => true,
    () => false
  )
}

const CSP = APP_CSP

/**
 * The one window, locked down: isolated, sandboxed, no Node in the page, a strict CSP,
 * no navigation away from the app, no new windows (links go to the system browser),
 * no permissions (camera, notifications…) granted.
 */
export function createMainWindow(rendererUrl: string | undefined): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })

  const win = new BrowserWindow({
    width: 1200,
    height: 860,
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: 'Calagopus OAuth Setup Assistant',
    autoHideMenuBar: true,
    // Windows and macOS take the icon from the packaged app; Linux needs it here.
    icon: join(import.meta.dirname, '../../resources/icon.png'),
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false
    }
  })
  win.once('ready-to-show', () => win.show())

  const contents = win.webContents
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url)
    return { action: 'deny' }
  })

  if (rendererUrl) void win.loadURL(rendererUrl)
  else void win.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return win
}
