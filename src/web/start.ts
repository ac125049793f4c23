import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { appRoot } from '../core/app-root'
import { redact } from '../core/redaction/redact'
import type { Dispatcher } from '../core/rpc/dispatcher'
import { buildIfNeeded } from './build-if-needed'
import { openInDefaultBrowser } from './open-browser'
import { createWebServices } from './services'
import { startWebServer } from './server'

const root = appRoot()

/**
 * The dispatcher, loaded once the server listens: the handler table pulls in the whole
 * core (zod, yaml, openid-client…), which need not delay the address. A call that
 * arrives first waits for it.
 */
function loadDispatcherLater(noOpen: boolean): Pick<Dispatcher, 'call' | 'cancel' | 'cancelAll'> & { ready(): Promise<unknown> } {
  let loaded: Dispatcher | null = null
  let loading: Promise<Dispatcher> | null = null
  const load = (): Promise<Dispatcher> =>
    (loading ??= Promise.all([import('../core/handlers'), import('../core/rpc/dispatcher')]).then(
      ([{ createHandlers }, { Dispatcher }]) => (loaded = new Dispatcher(createHandlers(createWebServices({ noOpen }))))
    ))
  return {
    ready: load,
    call: async (method, input, callId) => (await load()).call(method, input, callId),
    cancel: (callId) => loaded?.cancel(callId) ?? false,
    cancelAll: () => loaded?.cancelAll()
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'no-open': { type: 'boolean' }, help: { type: 'boolean' } }
  })
  if (values.help) {
    process.stdout.write('Usage: npm run web -- [--port N] [--no-open]\n  Serves the wizard on 127.0.0.1 and opens it in your browser.\n')
    return
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port takes a port number, not “${values.port}”.`)
  buildIfNeeded(root, (l) => process.stderr.write(`${l}\n`))
  const noOpen = values['no-open'] === true
  const dispatcher = loadDispatcherLater(noOpen)
  let web
  try {
    web = await startWebServer({ dispatcher, rendererDir: join(root, 'out', 'renderer'), port })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`Port ${port} on 127.0.0.1 is already in use; choose another with --port, or omit it for a free one.`, { cause: err })
    throw err
  }
  process.stdout.write(`${web.launchUrl}\n`)
  dispatcher.ready().catch((err: unknown) => {
    process.stderr.write(`error: the app failed to load: ${redact((err as Error)?.stack ?? String(err))}\n`)
    process.exit(1)
  })
  process.stderr.write(`Calagopus OAuth Setup Assistant is running in browser mode (secrets stay in memory only). Press Ctrl+C to stop.\n`)
  if (!noOpen && !(await openInDefaultBrowser(web.launchUrl))) {
    process.stderr.write('Could not open a browser; open the address above yourself.\n')
  }
  const stop = (): void => {
    void web.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  process.stderr.write(`error: ${redact((err as Error).message)}\n`)
  process.exit(1)
})
