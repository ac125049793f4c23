/** The wizard's steps and the draft fields each one edits (plain data: shared by the renderer and tests). */

export const STEP_IDS = ['discover', 'claims', 'scopes', 'credentials', 'options', 'mappings', 'finish'] as const
export type StepId = (typeof STEP_IDS)[number]

/**
 * The draft fields each step edits: the one field → step map (a problem in a field marks
 * its step in the nav, and "fix it" links go there).
 */
export const STEP_FIELDS: Record<StepId, readonly string[]> = {
  discover: ['name', 'description', 'auth_url', 'token_url', 'info_url'],
  claims: ['identifier_path', 'email_path', 'username_path', 'name_first_path', 'name_last_path'],
  scopes: ['scopes'],
  credentials: ['client_id', 'client_secret', 'basic_auth'],
  options: ['enabled', 'login_only', 'login_bypass_2fa', 'link_viewable', 'user_manageable'],
  mappings: ['mappings'],
  finish: []
}

/** The step where a field is edited (the first step for a field no step lists). */
export function stepOfField(field: string): StepId {
  return STEP_IDS.find((id) => STEP_FIELDS[id].includes(field)) ?? 'discover'
}
