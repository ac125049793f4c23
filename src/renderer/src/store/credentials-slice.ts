import type { Output } from '../../../shared/api'
import type { ErrorPayload } from '../../../shared/errors'
import { LOGIN_DEFAULT_PORT } from '../../../shared/login'
import { asAppError, call, cancel, newCallId } from '../services/api'
import type { SliceCreator } from './types'
import { clientSecretKey } from '../../../shared/vault-keys'

export type VaultStatus = Output<'vault:status'>
export type LoginStarted = Output<'login:start'>
export type LoginResultData = Output<'login:wait'>

export interface CredentialsSlice {
  /** Where secrets go and whether the draft's client secret is set (never the secret). */
  vaultStatus: VaultStatus | null
  vaultError: ErrorPayload | null
  loginPort: number
  /** The port field holds something that is not a usable port (the last good one stays in loginPort). */
  loginPortInvalid: boolean
  /** A secret of valid length is typed in its field and not stored yet (it will be, before a test login). */
  secretTyped: boolean
  /** The vault write of the secret in flight, which a test login waits for. */
  secretWrite: Promise<boolean> | null
  setSecretTyped: (typed: boolean) => void
  extraChecks: boolean
  loginStatus: 'idle' | 'starting' | 'waiting' | 'done' | 'error' | 'cancelled'
  loginStarted: LoginStarted | null
  loginResult: LoginResultData | null
  loginError: ErrorPayload | null
  loginCallId: string | null
  refreshSecretStatus: () => Promise<void>
  /**
   * Sends the typed secret to the vault once; the renderer keeps no copy. `draftId`: the draft
   * it was typed for, when that may no longer be the one on screen (a field saving as it goes away).
   */
  saveClientSecret: (value: string, draftId?: string) => Promise<boolean>
  clearClientSecret: () => Promise<void>
  /** Weak keychain: the admin's answer to "save to disk anyway?". */
  answerWeakStorage: (allow: boolean) => Promise<void>
  /** null: what is typed is not a port. */
  setLoginPort: (port: number | null) => void
  setExtraChecks: (on: boolean) => void
  startTestLogin: () => Promise<void>
  cancelTestLogin: () => Promise<void>
}

/** The vault key of the current draft's client secret (the one key format: shared/vault-keys.ts). */
export const clientSecretKeyOf = clientSecretKey

/**
 * The secret's status and the test login belong to the draft (the login port and extra checks are the
 * admin's settings; secretTyped and secretWrite follow the secret field, which a draft switch remounts).
 */
export const credentialsDraftState = (): Pick<
  CredentialsSlice,
  'vaultStatus' | 'vaultError' | 'loginStatus' | 'loginStarted' | 'loginResult' | 'loginError' | 'loginCallId'
> => ({
  vaultStatus: null,
  vaultError: null,
  loginStatus: 'idle',
  loginStarted: null,
  loginResult: null,
  loginError: null,
  loginCallId: null
})

export const createCredentialsSlice: SliceCreator<CredentialsSlice> = (set, get) => {
  /** One vault call about a draft's secret; its answer shows only while that draft is on screen. */
  const vaultCall = async (draftId: string, fn: (key: string) => Promise<VaultStatus>): Promise<boolean> => {
    try {
      const status = await fn(clientSecretKeyOf(draftId))
      if (get().draftId === draftId) set({ vaultStatus: status, vaultError: null })
      return true
    } catch (err) {
      if (get().draftId === draftId) set({ vaultError: asAppError(err).toPayload() })
      return false
    }
  }
  return {
    ...credentialsDraftState(),
    loginPort: LOGIN_DEFAULT_PORT,
    loginPortInvalid: false,
    secretTyped: false,
    secretWrite: null,
    setSecretTyped: (typed) => set({ secretTyped: typed }),
    extraChecks: false,
    refreshSecretStatus: async () => {
      await vaultCall(get().draftId, (key) => call('vault:status', { key }))
    },
    saveClientSecret: async (value, draftId = get().draftId) => {
      const write = vaultCall(draftId, (key) => call('vault:set', { key, value }))
      if (get().draftId !== draftId) return write
      set({ secretWrite: write })
      const ok = await write
      if (get().secretWrite === write) set({ secretWrite: null })
      // A push refused for a missing secret marked the field; the secret now exists.
      if (ok && get().draftId === draftId) get().clearPanelFieldProblem('client_secret')
      return ok
    },
    clearClientSecret: async () => {
      await vaultCall(get().draftId, (key) => call('vault:clear', { key }))
    },
    answerWeakStorage: async (allow) => {
      await vaultCall(get().draftId, (key) => call('vault:consent', { allow, key }))
    },
    setLoginPort: (port) => set(port === null ? { loginPortInvalid: true } : { loginPort: port, loginPortInvalid: false }),
    setExtraChecks: (on) => set({ extraChecks: on }),
    startTestLogin: async () => {
      if (get().loginCallId) return
      // A secret typed a moment ago is being stored (leaving its field did that): wait for it.
      const write = get().secretWrite
      if (write && !(await write)) return
      const s = get()
      if (s.loginCallId) return
      const callId = newCallId()
      set({ loginStatus: 'starting', loginError: null, loginResult: null, loginStarted: null, loginCallId: callId })
      const d = s.discovery
      try {
        const started = await call(
          'login:start',
          {
            config: s.config,
            secretKey: clientSecretKeyOf(s.draftId),
            port: s.loginPort,
            extraChecks: s.extraChecks,
            ...(d
              ? {
                  discovery: {
                    issuer: d.issuer,
                    jwks_uri: d.jwks_uri,
                    scopes_supported: d.scopes_supported,
                    claims_supported: d.claims_supported,
                    token_endpoint_auth_methods_supported: d.token_endpoint_auth_methods_supported
                  }
                }
              : {})
          },
          callId
        )
        if (get().loginCallId !== callId) return
        set({ loginStatus: 'waiting', loginStarted: started })
        const result = await call('login:wait', { flowId: started.flowId }, callId)
        if (get().loginCallId !== callId) return
        set({ loginStatus: 'done', loginResult: result, loginCallId: null })
        // The Claims step tests its paths against this very text (key order, big integers).
        get().setUserinfo(result.userinfo.text, 'login')
        if (result.basic_auth_changed) get().setField('basic_auth', result.basic_auth)
      } catch (err) {
        if (get().loginCallId !== callId) return
        const e = asAppError(err).toPayload()
        set({
          loginStatus: e.code === 'cancelled' ? 'cancelled' : 'error',
          loginError: e.code === 'cancelled' ? null : e,
          loginCallId: null
        })
      }
    },
    cancelTestLogin: async () => {
      const { loginCallId, loginStarted } = get()
      if (!loginCallId) return
      set({ loginStatus: 'cancelled', loginCallId: null, loginError: null })
      await cancel(loginCallId)
      await call('login:cancel', loginStarted ? { flowId: loginStarted.flowId } : {}).catch(() => undefined)
    }
  }
}
