import type { ComponentType } from 'react'
import type { StepId } from '../store/nav-slice'
import { ClaimsStep } from './ClaimsStep'
import { CredentialsStep } from './CredentialsStep'
import { DiscoverStep } from './DiscoverStep'
import { FinishStep } from './FinishStep'
import { MappingsStep } from './MappingsStep'
import { OptionsStep } from './OptionsStep'
import { ScopesStep } from './ScopesStep'

export interface StepDef {
  id: StepId
  title: string
  component: ComponentType
  /** Draft fields edited on this step: a problem in one of them marks the step in the nav. */
  fields: string[]
}

/** The wizard, in order. */
export const STEPS: StepDef[] = [
  { id: 'discover', title: 'Discover', component: DiscoverStep, fields: ['name', 'description', 'auth_url', 'token_url', 'info_url'] },
  {
    id: 'claims',
    title: 'Claims',
    component: ClaimsStep,
    fields: ['identifier_path', 'email_path', 'username_path', 'name_first_path', 'name_last_path']
  },
  { id: 'scopes', title: 'Scopes', component: ScopesStep, fields: ['scopes'] },
  { id: 'credentials', title: 'Client credentials', component: CredentialsStep, fields: ['client_id', 'client_secret', 'basic_auth'] },
  {
    id: 'options',
    title: 'Options',
    component: OptionsStep,
    fields: ['enabled', 'login_only', 'login_bypass_2fa', 'link_viewable', 'user_manageable']
  },
  { id: 'mappings', title: 'Mappings', component: MappingsStep, fields: ['mappings'] },
  { id: 'finish', title: 'Export or push', component: FinishStep, fields: [] }
]
