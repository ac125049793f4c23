import { z } from 'zod'
import { MappingListSchema } from './mappings'
import { PROVIDER_KEYS } from '../provider'
import { ProviderConfigSchema } from './provider'

/**
 * A preset file's record: the panel's provider record (docs/panel-behaviour.md#provider-record) minus
 * client_id and client_secret (docs/panel-behaviour.md#preset-import: the panel's Import replaces both with `example`).
 */
export const PresetConfigSchema = ProviderConfigSchema.omit({ client_id: true, client_secret: true })
export type PresetConfig = z.infer<typeof PresetConfigSchema>

/** Key order of a preset file: the panel's record order without the two client fields. */
export const PRESET_KEYS = PROVIDER_KEYS.filter(
  (k): k is Exclude<(typeof PROVIDER_KEYS)[number], 'client_id' | 'client_secret'> => k !== 'client_id' && k !== 'client_secret'
)

export { PRESET_MAX_BYTES } from '../presets'

export const PresetFormatSchema = z.enum(['yaml', 'json'])
export type PresetFormat = z.infer<typeof PresetFormatSchema>

/** A config to export: a preset, or a full provider record whose client fields are dropped. */
export const ExportableConfigSchema = PresetConfigSchema.extend({
  client_id: z.string().optional(),
  client_secret: z.string().optional()
})

export const ExportInputSchema = z.object({
  config: ExportableConfigSchema,
  format: PresetFormatSchema,
  /** Write `enabled: false`: the panel's Import creates the provider at once, with dummy credentials. */
  importDisabled: z.boolean().optional(),
  /** JSON only, and only when the admin asks: the mappings under a `mappings` key (the panel's import ignores it). */
  mappings: MappingListSchema.optional()
})

export const ExportResultSchema = z.object({
  content: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  /** Panel rules the exported record breaks (the file is still written: it is the admin's). */
  problems: z.array(z.object({ field: z.string(), severity: z.enum(['error', 'warning']), message: z.string() }))
})
export type ExportResult = z.infer<typeof ExportResultSchema>

/** How saving a file ended: written by a native dialog, cancelled, or left to the renderer to download. */
export const SaveResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), path: z.string() }),
  z.object({ outcome: z.literal('cancelled') }),
  z.object({ outcome: z.literal('download'), content: z.string(), fileName: z.string(), mimeType: z.string() })
])
export type SaveResult = z.infer<typeof SaveResultSchema>

export const ImportProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** The preset key the problem is about, when there is one. */
  field: z.string().optional(),
  /** 1-based line and column in the file, when known. */
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  message: z.string()
})
export type ImportProblem = z.infer<typeof ImportProblemSchema>

export const ImportInputSchema = z.object({
  /** The file's text (the renderer reads it with `File.text()`). */
  text: z.string(),
  fileName: z.string().optional()
})

export const ImportResultSchema = z.object({
  /** True when the panel's Import would accept the file; `preset` is then set. */
  ok: z.boolean(),
  format: PresetFormatSchema.nullable(),
  preset: PresetConfigSchema.nullable(),
  problems: z.array(ImportProblemSchema)
})
export type ImportResult = z.infer<typeof ImportResultSchema>

/** A value the wizard must ask for before a library preset can be used (e.g. the host). */
export const PlaceholderSchema = z.object({
  /** Text in the preset's URLs replaced by the answer, e.g. `id.example.com` or `{realm}`. */
  token: z.string(),
  /** `host`: a host name (with port or sub-path); `segment`: one URL path segment (realm, tenant). */
  kind: z.enum(['host', 'segment']),
  label: z.string(),
  /** Example answer shown in the field. */
  example: z.string(),
  /** What a valid answer looks like (a JavaScript regular expression, anchored). */
  pattern: z.string(),
  /** Used when the admin leaves the answer empty (e.g. `gitlab.com`). */
  default: z.string().optional(),
  help: z.string().optional()
})

export const LibraryEntrySchema = z.object({
  /** File name without `.yml`, e.g. `keycloak`. */
  id: z.string(),
  file: z.string(),
  title: z.string(),
  kind: z.enum(['self-hosted', 'cloud', 'social']),
  /** Words the start screen's search also matches (e.g. `forgejo` for Gitea). */
  keywords: z.array(z.string()),
  /** Whether it comes from the panel's docs site (the five community presets). */
  community: z.boolean(),
  /** The discovery document's URL pattern, null for plain OAuth 2.0 providers. */
  discovery: z.string().nullable(),
  placeholders: z.array(PlaceholderSchema),
  /** Where, in the provider's admin UI, the panel's redirect URL is pasted. */
  redirect_hint: z.string(),
  docs_url: z.string().nullable(),
  notes: z.array(z.string()),
  /** A userinfo document as the provider usually answers (for previews and tests). */
  sample_userinfo: z.record(z.string(), z.unknown()).optional(),
  preset: PresetConfigSchema
})
export type LibraryEntry = z.infer<typeof LibraryEntrySchema>

export const ApplyPresetInputSchema = z.object({
  id: z.string(),
  /** Answers keyed by placeholder token. */
  values: z.record(z.string(), z.string())
})

export const ApplyPresetResultSchema = z.object({
  preset: PresetConfigSchema,
  discovery: z.string().nullable()
})
