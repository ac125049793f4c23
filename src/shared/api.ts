import { z } from 'zod'
import type { ErrorPayload } from './errors'
import { DiscoverInputSchema, DiscoveryResultSchema } from './schemas/discovery'
import {
  PanelApiKeyStateSchema,
  PanelCheckInputSchema,
  PanelCheckResultSchema,
  PanelOpenLoginInputSchema,
  PanelOpenLoginResultSchema,
  PanelPlanInputSchema,
  PanelPlanSchema,
  PanelPushAndVerifyResultSchema,
  PanelPushInputSchema,
  PanelPushResultSchema,
  PanelSetApiKeyInputSchema,
  PanelLoginVerificationSchema,
  PanelVerifyLoginInputSchema
} from './schemas/panel'
import {
  ApplyPresetInputSchema,
  ApplyPresetResultSchema,
  ExportInputSchema,
  ExportResultSchema,
  ImportInputSchema,
  ImportResultSchema,
  LibraryEntrySchema,
  SaveResultSchema
} from './schemas/presets'
import { DraftIdSchema, DraftListSchema, DraftSchema, SaveDraftInputSchema, SaveDraftResultSchema } from './schemas/drafts'
import {
  MappingsTestInputSchema,
  MappingsTestResultSchema,
  PermissionsInputSchema,
  PermissionsResultSchema,
  PickerInputSchema,
  PickerResultSchema
} from './schemas/mappings'
import { LoginResultSchema, LoginStartInputSchema, LoginStartOutputSchema, VaultKeySchema, VaultStatusSchema } from './schemas/login'

/**
 * THE API contract: every method the renderer can call, with the zod schemas of its
 * input and output. The Electron IPC transport (main + preload) and the browser-mode
 * HTTP transport (src/web) are both generated from this table and from the one handler
 * table in core/handlers.ts; nothing here is written twice.
 *
 * Names are `domain:verb`. Outputs are parsed with their schema before they leave the
 * core, so a field not listed here (a secret, say) can never cross to the renderer.
 */
export const api = {
  'app:info': {
    input: z.object({}),
    output: z.object({
      mode: z.enum(['electron', 'web']),
      version: z.string(),
      /** Where secrets go in this mode, said to the admin as is. */
      secretStorage: z.object({
        kind: z.enum(['os-keychain', 'weak-keychain', 'memory']),
        description: z.string()
      })
    })
  },
  'discovery:run': { input: DiscoverInputSchema, output: DiscoveryResultSchema },
  'panel:set-api-key': { input: PanelSetApiKeyInputSchema, output: PanelApiKeyStateSchema },
  'panel:api-key-state': { input: PanelCheckInputSchema.pick({ panelUrl: true }), output: PanelApiKeyStateSchema },
  'panel:check': { input: PanelCheckInputSchema, output: PanelCheckResultSchema },
  'panel:plan': { input: PanelPlanInputSchema, output: PanelPlanSchema },
  'panel:push': { input: PanelPushInputSchema, output: PanelPushResultSchema },
  'panel:open-login': { input: PanelOpenLoginInputSchema, output: PanelOpenLoginResultSchema },
  /** The push workflow: push the confirmed plan, then verify the login (one redirect request, then the preflight). */
  'panel:push-and-verify': { input: PanelPushInputSchema, output: PanelPushAndVerifyResultSchema },
  /** The verification of a pushed provider's login again, as after a push (one redirect request, then the preflight). */
  'panel:verify-login': { input: PanelVerifyLoginInputSchema, output: PanelLoginVerificationSchema },
  /** The preset library (presets/*.yml + presets/index.json). */
  'presets:list': { input: z.object({}), output: z.object({ presets: z.array(LibraryEntrySchema) }) },
  /** A library preset with its placeholders (host, realm…) filled in. */
  'presets:apply': { input: ApplyPresetInputSchema, output: ApplyPresetResultSchema },
  /** The panel's export format, byte for byte (YAML house style or JSON); never a client id/secret. */
  'presets:export': { input: ExportInputSchema, output: ExportResultSchema },
  /** Reads a preset file as the panel's Import would, every problem with its key and line. */
  'presets:import': { input: ImportInputSchema, output: ImportResultSchema },
  /** Exports and saves: native dialog where the host has one, else `download` for the renderer. */
  'presets:save': { input: ExportInputSchema, output: SaveResultSchema },
  'drafts:list': { input: z.object({}), output: DraftListSchema },
  'drafts:get': { input: z.object({ id: DraftIdSchema }), output: DraftSchema },
  /** Autosave: creates without id, updates with one (atomic write). */
  'drafts:save': { input: SaveDraftInputSchema, output: SaveDraftResultSchema },
  'drafts:duplicate': { input: z.object({ id: DraftIdSchema }), output: DraftSchema },
  'drafts:rename': { input: z.object({ id: DraftIdSchema, name: z.string().max(255) }), output: DraftSchema },
  'drafts:delete': { input: z.object({ id: DraftIdSchema }), output: z.object({}) },
  /** Where secrets go, and whether one is set under `key` (never its value). */
  'vault:status': { input: z.object({ key: VaultKeySchema.optional() }), output: VaultStatusSchema },
  /** The one time a secret crosses from the renderer; 1–4096 characters. */
  'vault:set': { input: z.object({ key: VaultKeySchema, value: z.string().min(1).max(4096) }), output: VaultStatusSchema },
  'vault:clear': { input: z.object({ key: VaultKeySchema }), output: VaultStatusSchema },
  /** Weak keychain: the admin's answer to "save secrets to disk anyway?". */
  'vault:consent': { input: z.object({ allow: z.boolean(), key: VaultKeySchema.optional() }), output: VaultStatusSchema },
  /** Binds the loopback listener, checks the provider accepts the request, opens the browser. */
  'login:start': { input: LoginStartInputSchema, output: LoginStartOutputSchema },
  /** Long call: resolves when the browser came back and the token + userinfo requests ran. Cancellable. */
  'login:wait': { input: z.object({ flowId: z.string() }), output: LoginResultSchema },
  'login:cancel': { input: z.object({ flowId: z.string().optional() }), output: z.object({ cancelled: z.boolean() }) },
  /** Validates the mappings (the panel's rules) and runs them on each userinfo sample, in the engine, with explanations. */
  'mappings:test': { input: MappingsTestInputSchema, output: MappingsTestResultSchema },
  /** Roles or servers of the connected panel, for the mapping pickers. */
  'mappings:pick': { input: PickerInputSchema, output: PickerResultSchema },
  /** The connected panel's server permissions (`<group>.<key>`). */
  'mappings:permissions': { input: PermissionsInputSchema, output: PermissionsResultSchema }
} as const

export type Api = typeof api
export type Method = keyof Api
export const METHODS = Object.keys(api) as Method[]
export type Input<M extends Method> = z.input<Api[M]['input']>
export type ParsedInput<M extends Method> = z.output<Api[M]['input']>
export type Output<M extends Method> = z.output<Api[M]['output']>

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload }

/** Per-call context the transports give a handler. */
export interface CallContext {
  /** Aborted when the caller cancels (or disconnects). */
  signal: AbortSignal
}

export type Handler<M extends Method> = (input: ParsedInput<M>, ctx: CallContext) => Promise<Output<M>>
export type HandlerTable = { [M in Method]: Handler<M> }

/** What a transport offers the renderer; both transports implement exactly this. */
export interface Transport {
  call<M extends Method>(method: M, input: Input<M>, callId?: string): Promise<Result<Output<M>>>
  cancel(callId: string): Promise<void>
}

export { IPC_CALL, IPC_CANCEL, HTTP_RPC_PREFIX, HTTP_CANCEL_PREFIX, HTTP_TOKEN_HEADER, HTTP_CALL_ID_HEADER } from './transport'
