import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type * as Sheets from '../../../../common/contracts/sheets.contracts'
import type { Language } from '../../../../common/roles'
import { api } from '../../api/client'

export type SheetSummary = z.infer<typeof Sheets.SheetSummary>
export type SheetView = z.infer<typeof Sheets.SheetView>
export type SheetVersionView = z.infer<typeof Sheets.SheetVersionView>
export type NewSheetInput = z.input<typeof Sheets.NewSheetInput>
export type SheetMetadata = z.input<typeof Sheets.SheetMetadata>

/** Repeated from the contract so the bundle does not pull in zod; the types keep both in step. */
export const SHEET_KINDS = ['general', 'targeted'] as const satisfies readonly Sheets.SheetKind[]
export const SHEET_AUDIENCES = [
  'general_public',
  'parents',
  'relatives',
  'teachers',
  'youth_workers',
  'professionals',
  'person_concerned',
  'returnees',
  'leaving_group',
] as const satisfies readonly Sheets.SheetAudience[]

const KEY = ['sheets'] as const

export function useSheetList(params: { language: Language; q: string; kind?: string; audience?: string }) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: ({ signal }) =>
      api.get('/api/sheets', {
        query: {
          language: params.language,
          q: params.q || undefined,
          kind: (params.kind || undefined) as Sheets.SheetKind | undefined,
          audience: (params.audience || undefined) as Sheets.SheetAudience | undefined,
        },
        signal,
      }),
    placeholderData: (previous) => previous,
  })
}

export function useSheet(id: string, language: Language) {
  return useQuery({
    queryKey: [...KEY, id, language],
    queryFn: ({ signal }) => api.get('/api/sheets/{id}', { path: { id }, query: { language }, signal }),
  })
}

export function useSheetHistory(id: string, language: Language) {
  return useQuery({
    queryKey: [...KEY, id, language, 'history'],
    queryFn: ({ signal }) => api.get('/api/sheets/{id}/texts/{language}/versions', { path: { id, language }, signal }),
  })
}

export function useSheetVersion(id: string, language: Language, version: number | null) {
  return useQuery({
    queryKey: [...KEY, id, language, 'version', version],
    enabled: version !== null,
    queryFn: ({ signal }) =>
      api.get('/api/sheets/{id}/texts/{language}/versions/{version}', { path: { id, language, version: version ?? 0 }, signal }),
  })
}

/** Every change answers the sheet as it now stands; the cached sheets are refreshed. */
function useSheetChange<I>(fn: (input: I) => Promise<SheetView>) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: KEY })
    },
  })
}

export const useCreateSheet = () => useSheetChange((body: NewSheetInput) => api.post('/api/sheets', { body }))
export const useUpdateSheet = (id: string) =>
  useSheetChange((i: { body: SheetMetadata; version: number }) =>
    api.put('/api/sheets/{id}', { path: { id }, body: i.body, ifMatch: i.version }),
  )
export const useSaveDraft = (id: string) =>
  useSheetChange((i: { language: Language; title: string; body: string; version: number }) =>
    api.put('/api/sheets/{id}/texts/{language}', {
      path: { id, language: i.language },
      body: { title: i.title, body: i.body },
      ifMatch: i.version,
    }),
  )
export const usePublish = (id: string) =>
  useSheetChange((i: { language: Language; version: number; withdraw?: boolean }) =>
    i.withdraw
      ? api.post('/api/sheets/{id}/texts/{language}/unpublish', { path: { id, language: i.language }, ifMatch: i.version })
      : api.post('/api/sheets/{id}/texts/{language}/publish', { path: { id, language: i.language }, ifMatch: i.version }),
  )
