import type { StateCreator } from 'zustand'
import type { AppSlice } from './app-slice'
import type { AutosaveSlice } from './autosave-slice'
import type { CredentialsSlice } from './credentials-slice'
import type { DiscoverySlice } from './discovery-slice'
import type { DraftSlice } from './draft-slice'
import type { DraftsSlice } from './drafts-slice'
import type { ExportSlice } from './export-slice'
import type { ImportSlice } from './import-slice'
import type { LibrarySlice } from './library-slice'
import type { MappingsSlice } from './mappings-slice'
import type { NavSlice } from './nav-slice'
import type { PanelSlice } from './panel-slice'
import type { PushRecordSlice } from './push-record-slice'
import type { UserinfoSlice } from './userinfo-slice'

/** The whole wizard state: one bound store, one slice per concern (zustand slices pattern). */
export type WizardState = AppSlice &
  NavSlice &
  DraftSlice &
  DiscoverySlice &
  UserinfoSlice &
  PanelSlice &
  PushRecordSlice &
  CredentialsSlice &
  LibrarySlice &
  DraftsSlice &
  AutosaveSlice &
  ImportSlice &
  ExportSlice &
  MappingsSlice

export type SliceCreator<T> = StateCreator<WizardState, [], [], T>

/** The keys of a slice's state, its actions left out. */
export type DataKeys<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? never : K }[keyof T]
