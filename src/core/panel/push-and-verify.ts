import type { PanelLoginVerification, PanelPushAndVerifyResult } from '../../shared/schemas/panel'
import { pushProvider, type PushInput, type PushResult } from './push'
import { verifyPanelLogin, type RedirectLog } from './verify-login'

export interface PushAndVerifyInput extends PushInput {
  /** The fingerprint of the plan the admin confirmed: nothing is sent if the panel changed since. */
  fingerprint: string
  redirectLog?: RedirectLog
}

/** What the steps after the push share: the input, the push's result, and what each step adds. */
export interface PushAndVerifyContext {
  input: PushAndVerifyInput
  pushed: PushResult
  verification: PanelLoginVerification | null
}

/**
 * The steps after the write, in order. Each one reads and adds to the context; a new
 * step (say, reconciling the provider's mappings) goes in this list and its result in
 * the context and in PanelPushAndVerifyResult.
 */
export const AFTER_PUSH_STEPS: ReadonlyArray<{ name: string; run(ctx: PushAndVerifyContext): Promise<void> }> = [
  {
    name: 'verify-login',
    async run(ctx) {
      const { input, pushed } = ctx
      ctx.verification = await verifyPanelLogin({
        panel: input.panel,
        uuid: pushed.uuid,
        config: input.config,
        appUrl: pushed.app_url,
        timeoutMs: input.timeoutMs,
        signal: input.signal,
        redirectLog: input.redirectLog
      })
    }
  }
]

/**
 * The push workflow, once for every client (GUI, browser mode, CLI): create or update
 * the provider, then verify its login on the panel (one login-redirect request, then
 * the provider-side preflight). A disabled provider is pushed and not verified, which
 * is not a problem: `verified` is false and `verification.status` is `skipped-disabled`.
 */
export async function pushAndVerify(input: PushAndVerifyInput): Promise<PanelPushAndVerifyResult> {
  const pushed = await pushProvider(input)
  const ctx: PushAndVerifyContext = { input, pushed, verification: null }
  for (const step of AFTER_PUSH_STEPS) await step.run(ctx)
  const verification = ctx.verification!
  return {
    uuid: pushed.uuid,
    action: pushed.action,
    redirect_url: pushed.redirect_url,
    verified: verification.verified,
    problems: [...pushed.problems, ...verification.problems],
    push_problems: pushed.problems,
    name: pushed.name,
    app_url: pushed.app_url,
    sent_fields: pushed.sent_fields,
    warnings: pushed.warnings,
    verification,
    mappings: pushed.mappings
  }
}
