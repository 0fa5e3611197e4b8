import type { MouseEvent } from 'react'
import { createTheme, type CSSVariablesResolver, type MantineColorsTuple, type MantineThemeOverride } from '@mantine/core'

/**
 * Required fields show an asterisk drawn by CSS (`.label-required::after` in app.css, with an empty
 * alternative text) rather than Mantine's text span: the label's text and the field's accessible
 * name stay exactly what they say, and screen readers announce the field's `required` state.
 */
const required = {
  defaultProps: { withAsterisk: false },
  classNames: (_: unknown, props: { required?: boolean }) => ({ label: props.required ? 'label-required' : '' }),
}

/**
 * A calm, deep teal ("petrol"). Shades from 6 up keep at least 4.5:1 contrast with white,
 * so filled buttons, links and outlines pass WCAG AA.
 */
const petrol: MantineColorsTuple = [
  '#e7f5f3',
  '#cbe8e4',
  '#9dd3cc',
  '#6bbcb2',
  '#3fa79c',
  '#23918a',
  '#0f766e',
  '#0d6660',
  '#0b5651',
  '#083f3b',
]

/** Red and green with darker upper shades: error and success texts stay readable. */
const red: MantineColorsTuple = [
  '#fff5f5',
  '#ffe3e3',
  '#ffc9c9',
  '#ffa8a8',
  '#ff8787',
  '#f25c5c',
  '#c92a2a',
  '#b02525',
  '#962020',
  '#7a1a1a',
]
const green: MantineColorsTuple = [
  '#ebfbee',
  '#d3f9d8',
  '#b2f2bb',
  '#8ce99a',
  '#69db7c',
  '#3fa653',
  '#2b7a3b',
  '#256b33',
  '#1f5c2b',
  '#174621',
]

/** Orange for "pending" and warnings, with a dark text shade (9) readable on its light background. */
const orange: MantineColorsTuple = [
  '#fff4e6',
  '#ffe8cc',
  '#ffd8a8',
  '#ffc078',
  '#ffa94d',
  '#f08c3e',
  '#c2540a',
  '#a8480a',
  '#8f3d09',
  '#7a3407',
]

const base = createTheme({
  primaryColor: 'petrol',
  primaryShade: 6,
  colors: { petrol, red, green, orange },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: { fontWeight: '600' },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Anchor: { defaultProps: { underline: 'always' } },
    Paper: { defaultProps: { withBorder: true, radius: 'md', p: 'lg' } },
    Badge: { defaultProps: { tt: 'none', fw: 600 } },
    TextInput: required,
    PasswordInput: required,
    Textarea: required,
    Select: required,
    MultiSelect: required,
    Autocomplete: required,
    // Closed dropdowns leave the page: a hidden listbox named after the field would make the
    // field's label point at two elements.
    // Open dropdowns stay inside the page landmarks rather than in a portal at the end of <body>.
    Combobox: { defaultProps: { keepMounted: false, withinPortal: false } },
  },
})

/**
 * The theme, with the words it needs in the chosen language. Mantine leaves a select's clear
 * button out of the tab order and hidden from screen readers; a keyboard user could then only
 * clear a choice by choosing it again, which nothing tells them. Here it is a labelled button
 * after the field, reached with Tab like any other.
 */
export function themeFor(words: { clearChoice: string }): MantineThemeOverride {
  const reachableClear = {
    ...required,
    defaultProps: {
      ...required.defaultProps,
      clearButtonProps: {
        tabIndex: 0,
        'aria-hidden': false,
        'aria-label': words.clearChoice,
        // The button leaves with the value it clears; focus goes back to the field, not to the page's start.
        onClick: (event: MouseEvent<HTMLButtonElement>) =>
          event.currentTarget
            .closest<HTMLElement>('.mantine-Input-wrapper')
            ?.querySelector<HTMLInputElement>('input:not([type="hidden"])')
            ?.focus(),
      },
    },
  }
  return createTheme({ ...base, components: { ...base.components, Select: reachableClear, MultiSelect: reachableClear } })
}

/** Secondary text (input descriptions, hints) must still reach 4.5:1 on white. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  },
  dark: {},
})
