import type { HandlerTable } from '../../shared/api'
import { AppError } from '../../shared/errors'
import type { Services } from '../services'
import { readClientSecretForLogin } from '../vault/secret-scope'
import { LoginManager } from './login-flow'

type LoginMethods = 'login:start' | 'login:wait' | 'login:cancel'

/**
 * The test-login methods. The client secret is read from the vault here, in the core:
 * the renderer only names its vault key.
 */
export function loginHandlers(services: Services): Pick<HandlerTable, LoginMethods> {
  const manager = new LoginManager()
  return {
    'login:start': async (input) => {
      const clientSecret = await readClientSecretForLogin(services.vault, input.secretKey)
      if (clientSecret === null) {
        throw new AppError('login.no-secret', 'Enter the Client Secret first: the test login needs it for the token request.', {
          field: 'client_secret'
        })
      }
      const started = await manager.start({
        config: input.config,
        clientSecret,
        ...(input.port !== undefined ? { port: input.port } : {}),
        ...(input.extraChecks !== undefined ? { extraChecks: input.extraChecks } : {}),
        ...(input.discovery ? { discovery: input.discovery } : {}),
        ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {})
      })
      const opened = input.openBrowser === false ? false : await services.openExternal(started.authorizationUrl).catch(() => false)
      return {
        flowId: started.flowId,
        authorizationUrl: started.authorizationUrl,
        redirectUri: started.redirectUri,
        opened,
        expiresAt: started.expiresAt
      }
    },
    'login:wait': async (input, { signal }) => manager.wait(input.flowId, signal),
    'login:cancel': async (input) => ({ cancelled: manager.cancel(input.flowId) })
  }
}
