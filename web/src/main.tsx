import '@mantine/core/styles.css'
import './styles/app.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { i18nReady } from './i18n'

const root = document.getElementById('root')
if (!root) throw new Error('#root is missing from index.html')
// The first render waits for the chosen language's translations (French needs no fetch).
void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
)
