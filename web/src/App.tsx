import { MantineProvider } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { BrowserRouter, matchPath } from 'react-router'
import { isApiError, setUnauthorizedHandler } from './api/client'
import type { Me } from './api/types'
import { fetchMe, ME_KEY, ME_STALE_MS, SESSION_ENDED_KEY } from './auth/use-me'
import { nonce } from './csp'
import { RenderErrorBoundary } from './components/render-error'
import { prefetchAccompaniment } from './pages/accompaniments/accompaniment-query'
import { AppRoutes } from './router'
import { cssVariablesResolver, themeFor } from './theme'

const queryClient = new QueryClient({
  queryCache: new QueryCache(),
  mutationCache: new MutationCache(),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // Retry network hiccups and server errors once; a 4xx answer is final.
      retry: (count, error) => count < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
    mutations: { retry: false },
  },
})

setUnauthorizedHandler(() => {
  // The signed-in frame sees the user disappear and sends them to the login page, which then
  // explains that the session has ended. Every cached record is forgotten.
  queryClient.setQueryData(SESSION_ENDED_KEY, true)
  queryClient.removeQueries({
    predicate: (q) => q.queryKey[0] !== ME_KEY[0] && !(q.queryKey[0] === SESSION_ENDED_KEY[0] && q.queryKey[1] === SESSION_ENDED_KEY[1]),
  })
  queryClient.setQueryData(ME_KEY, null)
})

/**
 * Asks for the session at start-up, before the first render needs it (the public pages too: they
 * redirect a signed-in user). A case's link opened cold also asks for the case, once the session
 * is known to be open (accompaniment-query.ts).
 */
export function prefetchSession(): void {
  const session = queryClient.prefetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: ME_STALE_MS })
  const id = matchPath('/accompaniments/:id', window.location.pathname)?.params.id
  if (!id || id === 'new') return
  void session.then(() => {
    if (queryClient.getQueryData<Me | null>(ME_KEY)?.sessionState === 'active') prefetchAccompaniment(queryClient, id)
  })
}

export function App() {
  const { t } = useTranslation()
  const clearChoice = t('common.clearChoice')
  const theme = useMemo(() => themeFor({ clearChoice }), [clearChoice])
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light" getStyleNonce={() => nonce}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <RenderErrorBoundary>
            <AppRoutes />
          </RenderErrorBoundary>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  )
}
