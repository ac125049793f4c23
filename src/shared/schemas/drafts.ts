import { z } from 'zod'
import { MappingListSchema, UserinfoSampleSchema } from './mappings'
import { DiscoveryResultSchema } from './discovery'
import { ProviderConfigSchema } from './provider'

/**
 * A wizard draft as saved on disk under `<dataDir>/drafts/<id>.json`. Non-secret fields
 * only: the client secret never enters a draft (the zod object drops it), the panel API
 * key never exists here. The last userinfo response is kept as raw text (exact numbers
 * and key order matter to the panel’s extraction, docs/panel-behaviour.md#value-extraction) until the
 * admin clears it.
 *
 * Fields added after the first release (`discovery_url`, `discovery`, `userinfo_source`, `userinfo_received_at`,
 * `last_push`) default to null, so draft files written before them still load.
 */
export const DraftIdSchema = z.string().regex(/^[a-z0-9-]{8,64}$/, 'not a draft id')

export const DraftConfigSchema = ProviderConfigSchema.omit({ client_secret: true })
export type DraftConfig = z.infer<typeof DraftConfigSchema>

/** Largest userinfo text kept in a draft (a userinfo document is a few KB). */
export const DRAFT_USERINFO_MAX = 1024 * 1024

/** Where a userinfo sample came from: a real test login, pasted by the admin, or read from a file. */
export const UserinfoSourceSchema = z.enum(['login', 'paste', 'file'])
export type UserinfoSource = z.infer<typeof UserinfoSourceSchema>

/**
 * What the last push to the panel left behind: where the provider lives, and the draft's
 * configuration as it was sent, so the wizard can tell whether the panel still holds what
 * is on screen. Never a secret.
 */
export const LastPushSchema = z.object({
  panel_url: z.string().max(2048),
  app_url: z.string().max(2048),
  uuid: z.string().max(64),
  name: z.string().max(255),
  action: z.enum(['created', 'updated', 'unchanged']),
  redirect_url: z.string().max(4096),
  at: z.string(),
  config: DraftConfigSchema,
  /** The mappings sent (null: the push left the panel's alone); absent in records from before mappings. */
  mappings: MappingListSchema.nullable().optional()
})
export type LastPush = z.infer<typeof LastPushSchema>

const DraftBody = {
  /** Name the admin gave the draft; null: it follows the provider's name. */
  name: z.string().max(255).nullable(),
  /** Wizard step to resume at (the renderer's step id). */
  step: z.string().max(64).nullable(),
  /** Library preset it started from, and the answers to its placeholders. */
  preset_id: z.string().max(64).nullable(),
  placeholders: z.record(z.string(), z.string().max(255)),
  /** The panel's address (never its API key). */
  panel_url: z.string().max(2048).nullable(),
  config: DraftConfigSchema,
  userinfo: z.string().max(DRAFT_USERINFO_MAX).nullable(),
  userinfo_source: UserinfoSourceSchema.nullable().default(null),
  userinfo_received_at: z.string().max(64).nullable().default(null),
  /** The provider address typed on the Discover step, and the document read from it (public metadata). */
  discovery_url: z.string().max(2048).nullable().default(null),
  discovery: DiscoveryResultSchema.nullable().default(null),
  last_push: LastPushSchema.nullable().default(null),
  /** The role/server mappings in creation order; null: the draft leaves the panel's mappings alone. */
  mappings: MappingListSchema.nullable().default(null),
  /** Extra userinfo samples (pasted, or kept from earlier test logins) to test the mappings on. */
  mapping_samples: z.array(UserinfoSampleSchema).max(8).default([])
}

export const DraftSchema = z.object({
  version: z.literal(1),
  id: DraftIdSchema,
  created: z.string(),
  updated: z.string(),
  ...DraftBody
})
export type Draft = z.infer<typeof DraftSchema>

export const DraftSummarySchema = z.object({
  id: DraftIdSchema,
  /** What the start screen shows: the given name, else the provider's name, else "Untitled setup". */
  title: z.string(),
  /** Host of the provider (from the Auth URL), when known. */
  host: z.string().nullable(),
  step: z.string().nullable(),
  preset_id: z.string().nullable(),
  updated: z.string()
})
export type DraftSummary = z.infer<typeof DraftSummarySchema>

export const SetAsideSchema = z.object({
  /** File name the unreadable draft was moved to, inside the drafts folder. */
  file: z.string(),
  path: z.string(),
  message: z.string()
})
export type SetAside = z.infer<typeof SetAsideSchema>

export const DraftListSchema = z.object({ drafts: z.array(DraftSummarySchema), set_aside: z.array(SetAsideSchema), dir: z.string() })
export type DraftList = z.infer<typeof DraftListSchema>

/** Saving: no id creates a draft; fields left out keep their saved value. */
export const SaveDraftInputSchema = z.object({
  id: DraftIdSchema.optional(),
  name: DraftBody.name.optional(),
  step: DraftBody.step.optional(),
  preset_id: DraftBody.preset_id.optional(),
  placeholders: DraftBody.placeholders.optional(),
  panel_url: DraftBody.panel_url.optional(),
  config: DraftConfigSchema,
  userinfo: DraftBody.userinfo.optional(),
  userinfo_source: UserinfoSourceSchema.nullable().optional(),
  userinfo_received_at: z.string().max(64).nullable().optional(),
  discovery_url: z.string().max(2048).nullable().optional(),
  discovery: DiscoveryResultSchema.nullable().optional(),
  last_push: LastPushSchema.nullable().optional(),
  mappings: MappingListSchema.nullable().optional(),
  mapping_samples: z.array(UserinfoSampleSchema).max(8).optional()
})
export type SaveDraftInput = z.infer<typeof SaveDraftInputSchema>

export const SaveDraftResultSchema = z.object({
  draft: DraftSchema,
  /** A corrupt file found where this draft was saved, moved aside instead of overwritten. */
  set_aside: SetAsideSchema.nullable()
})
