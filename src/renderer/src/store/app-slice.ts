import type { Output } from '../../../shared/api'
import { asAppError, call } from '../services/api'
import type { SliceCreator } from './types'

export interface AppSlice {
  appInfo: Output<'app:info'> | null
  appError: string | null
  loadAppInfo: () => Promise<void>
}

export const createAppSlice: SliceCreator<AppSlice> = (set) => ({
  appInfo: null,
  appError: null,
  loadAppInfo: async () => {
    try {
      set({ appInfo: await call('app:info', {}), appError: null })
    } catch (err) {
      set({ appError: asAppError(err).message })
    }
  }
})
