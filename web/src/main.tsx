import '@mantine/core/styles.css'
import './styles/app.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App, prefetchSession } from './App'
import { preloadElements } from './components/lazy-page'
import { i18nReady } from './i18n'
import { startElements } from './router'

const root = document.getElementById('root')
if (!root) throw new Error('#root is missing from index.html')
// The first address's frame and page chunks, and the session, are fetched now, in parallel with
// the translations, rather than one after the other as React would reach them.
preloadElements(startElements())
prefetchSession()
// The first render waits for the chosen language's translations (French needs no fetch).
void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
)
