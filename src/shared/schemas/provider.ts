import { z } from 'zod'
import type { ProviderConfig } from '../provider'

export const ProviderConfigSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  client_id: z.string(),
  /** Only in CONFIG.json files for the CLI; the app keeps it in the vault. */
  client_secret: z.string().optional(),
  auth_url: z.string(),
  token_url: z.string(),
  info_url: z.string(),
  scopes: z.array(z.string()),
  identifier_path: z.string(),
  email_path: z.string().nullable(),
  username_path: z.string().nullable(),
  name_first_path: z.string().nullable(),
  name_last_path: z.string().nullable(),
  enabled: z.boolean(),
  login_only: z.boolean(),
  login_bypass_2fa: z.boolean(),
  link_viewable: z.boolean(),
  user_manageable: z.boolean(),
  basic_auth: z.boolean()
})

// The schema and the plain interface must describe the same record.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _sameShape: Same<z.infer<typeof ProviderConfigSchema>, ProviderConfig> = true
void _sameShape
