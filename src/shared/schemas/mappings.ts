import { z } from 'zod'

/**
 * Contract schemas of the mappings (`mappings:*`). Matchers and mappings travel in the panel's
 * JSON shapes as they are: the engine validates them with the panel's own rules and messages,
 * so the schema here does not judge their content (a half-built mapping must not be lost).
 */
export const MappingEntrySchema = z.object({ matcher: z.unknown(), mapping: z.unknown() })
export const MappingListSchema = z.array(MappingEntrySchema).max(10_000)

export const MappingCountsSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int()
})
export type MappingCounts = z.infer<typeof MappingCountsSchema>

/** One planned write of the mapping reconciliation. */
export const MappingOpSchema = z.object({
  op: z.enum(['create', 'update', 'delete', 'unchanged']),
  /** Panel uuid (update, delete, unchanged). */
  uuid: z.string().nullable(),
  /** Position in the draft (create, update, unchanged). */
  index: z.number().int().nullable(),
  before: MappingEntrySchema.nullable(),
  after: MappingEntrySchema.nullable(),
  /** What a PATCH sends: only the objects that changed, each whole. */
  body: z.record(z.string(), z.unknown()).nullable()
})
export type MappingOp = z.infer<typeof MappingOpSchema>

export const MappingPlanSchema = z.object({
  ops: z.array(MappingOpSchema),
  counts: MappingCountsSchema,
  warnings: z.array(z.string())
})
export type MappingPlan = z.infer<typeof MappingPlanSchema>

export const UserinfoSampleSchema = z.object({
  label: z.string().max(100),
  /** The userinfo body as received (or pasted). */
  body: z.string().max(1024 * 1024),
  /** The token response's `scope` as sent; null when it had none. */
  granted_scope: z.string().max(65_536).nullable()
})
export type UserinfoSample = z.infer<typeof UserinfoSampleSchema>

export const MappingsTestInputSchema = z.object({
  mappings: MappingListSchema,
  samples: z.array(UserinfoSampleSchema).max(16),
  /** Role/server uuids the connected panel has (pickers); null when no panel is connected. */
  known: z
    .object({ roles: z.array(z.string()), servers: z.array(z.string()) })
    .nullable()
    .default(null)
})

export const MappingExplanationSchema = z.object({
  matched: z.boolean().nullable(),
  /** One paragraph: matched or not, and why. */
  explanation: z.string(),
  /** For a non-match, the closest the userinfo came (a sentence), when there is one. */
  nearest_miss: z.string().nullable(),
  /** One line per leaf test, in tree order, with its answer. */
  lines: z.array(z.object({ depth: z.number().int(), matched: z.boolean(), text: z.string() }))
})
export type MappingExplanation = z.infer<typeof MappingExplanationSchema>

export const MappingOutcomeSchema = z.object({
  role_uuid: z.string().nullable(),
  servers: z.array(z.object({ server_uuid: z.string(), action: z.enum(['add_or_update', 'remove']), permissions: z.array(z.string()) }))
})

export const SampleResultSchema = z.object({
  label: z.string(),
  doc_ok: z.boolean(),
  doc_error: z.string().nullable(),
  granted_scopes: z.array(z.string()),
  mappings: z.array(MappingExplanationSchema),
  outcome: MappingOutcomeSchema,
  /** The outcome in sentences (role, access added, access removed). */
  summary: z.array(z.string()),
  warnings: z.array(z.string())
})
export type SampleResult = z.infer<typeof SampleResultSchema>

export const MappingsTestResultSchema = z.object({
  valid: z.boolean(),
  /** The panel's validation messages, `mappings[i].<path>: <message>`. */
  problems: z.array(z.string()),
  entry_valid: z.array(z.boolean()),
  /** Traps that hold whatever the userinfo (revoke deletes hand-made subusers, unknown uuids…). */
  warnings: z.array(z.string()),
  samples: z.array(SampleResultSchema)
})
export type MappingsTestResult = z.infer<typeof MappingsTestResultSchema>

const panelUrl = z.string().min(1, 'Enter the panel’s address')
const timeoutMs = z.number().int().min(100).max(120_000).optional()

export const PickerInputSchema = z.object({
  panelUrl,
  kind: z.enum(['roles', 'servers']),
  search: z.string().max(128).default(''),
  page: z.number().int().min(1).default(1),
  timeoutMs
})
export const PickerResultSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  per_page: z.number().int(),
  items: z.array(z.object({ uuid: z.string(), name: z.string(), detail: z.string().nullable() }))
})

export const PermissionsInputSchema = z.object({ panelUrl, timeoutMs })
export const PermissionGroupSchema = z.object({
  group: z.string(),
  description: z.string(),
  permissions: z.array(z.object({ key: z.string(), description: z.string() }))
})
export const PermissionsResultSchema = z.object({ groups: z.array(PermissionGroupSchema) })
