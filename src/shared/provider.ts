/**
 * The panel's own provider record (docs/panel-behaviour.md#provider-record), snake_case, used everywhere:
 * the wizard's draft, the CLI's CONFIG.json and presets (without client_id/secret).
 * Plain types here (this file is in the renderer bundle); the zod schema is in
 * schemas/provider.ts. Shapes only; the panel's length and JSONPath rules live in
 * core/provider/rules.ts so that they can report every problem at once.
 */
export const PATH_FIELDS = ['identifier_path', 'email_path', 'username_path', 'name_first_path', 'name_last_path'] as const
export type PathField = (typeof PATH_FIELDS)[number]

export const SWITCH_FIELDS = ['enabled', 'login_only', 'login_bypass_2fa', 'link_viewable', 'user_manageable', 'basic_auth'] as const
export type SwitchField = (typeof SWITCH_FIELDS)[number]

/** Key order of the panel's record and of the community preset files. */
export const PROVIDER_KEYS = [
  'name',
  'description',
  'client_id',
  'client_secret',
  'auth_url',
  'token_url',
  'info_url',
  'scopes',
  ...PATH_FIELDS,
  ...SWITCH_FIELDS
] as const
export type ProviderKey = (typeof PROVIDER_KEYS)[number]

/** The panel's record (docs/panel-behaviour.md#provider-record). Its zod schema is in schemas/provider.ts. */
export interface ProviderConfig {
  name: string
  description: string | null
  client_id: string
  /** Only in CONFIG.json files for the CLI; the app keeps it in the vault. */
  client_secret?: string
  auth_url: string
  token_url: string
  info_url: string
  scopes: string[]
  identifier_path: string
  email_path: string | null
  username_path: string | null
  name_first_path: string | null
  name_last_path: string | null
  enabled: boolean
  login_only: boolean
  login_bypass_2fa: boolean
  link_viewable: boolean
  user_manageable: boolean
  basic_auth: boolean
}

/** A fresh draft: the panel form's defaults and the seed guide's usual paths. */
export function emptyProviderConfig(): ProviderConfig {
  return {
    name: '',
    description: null,
    client_id: '',
    auth_url: '',
    token_url: '',
    info_url: '',
    scopes: ['openid', 'profile', 'email'],
    identifier_path: '$.sub',
    email_path: '$.email',
    username_path: '$.preferred_username',
    name_first_path: '$.given_name',
    name_last_path: '$.family_name',
    enabled: true,
    login_only: false,
    login_bypass_2fa: false,
    link_viewable: true,
    user_manageable: true,
    basic_auth: false
  }
}

/** Human labels, as the panel's form names the fields. */
export const FIELD_LABELS: Record<ProviderKey, string> = {
  name: 'Name',
  description: 'Description',
  client_id: 'Client ID',
  client_secret: 'Client Secret',
  auth_url: 'Auth URL',
  token_url: 'Token URL',
  info_url: 'Info URL',
  scopes: 'Scopes',
  identifier_path: 'Identifier Path',
  email_path: 'Email Path',
  username_path: 'Username Path',
  name_first_path: 'First Name Path',
  name_last_path: 'Last Name Path',
  enabled: 'Enabled',
  login_only: 'Only allow Login',
  login_bypass_2fa: 'Bypass 2FA',
  link_viewable: 'Link Viewable to User',
  user_manageable: 'Link Manageable by User',
  basic_auth: 'Basic Auth'
}
