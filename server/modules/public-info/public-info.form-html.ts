import {
  MESSAGE_MAX,
  NAME_MAX,
  PREFERRED_TIMES,
  type PublicLanguage,
  REQUEST_CALLER_KINDS,
  REQUEST_SECTORS,
} from '../../../common/contracts/contact-requests.contracts'
import type { Config } from '../../config'
import type { Translate } from './public-info.texts'

const esc = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** The form's fields as the browser sends them (application/x-www-form-urlencoded). */
export type FormValues = {
  callerKind: string
  sector: string
  mode: string
  name: string
  reachBy: string
  phone: string
  email: string
  preferredTimes: string[]
  message: string
}
export const EMPTY_FORM: FormValues = {
  callerKind: '',
  sector: '',
  mode: '',
  name: '',
  reachBy: '',
  phone: '',
  email: '',
  preferredTimes: [],
  message: '',
}
/** What went wrong with a field, as a text key under `errors.` (required, invalid, tooLong). */
export type FormFieldError = { field: keyof FormValues; text: 'required' | 'invalid' | 'tooLong' }
export type FormState = {
  token: string
  values: FormValues
  errors: FormFieldError[]
  /** A refusal of the whole form, as a text key under `errors.` (expired, tooFast, rateLimited…). */
  problem: string | null
}

/** The id of the control an error links to (the first choice of a group). */
const FIRST: Record<keyof FormValues, string> = {
  callerKind: `f-callerKind-${REQUEST_CALLER_KINDS[0]}`,
  sector: 'f-sector',
  mode: 'f-mode-callback',
  name: 'f-name',
  reachBy: 'f-reachBy-phone',
  phone: 'f-phone',
  email: 'f-email',
  preferredTimes: `f-times-${PREFERRED_TIMES[0]}`,
  message: 'f-message',
}
const LABEL: Record<keyof FormValues, string> = {
  callerKind: 'form.kindLegend',
  sector: 'form.sectorLabel',
  mode: 'form.modeLegend',
  name: 'form.nameLabel',
  reachBy: 'form.reachLegend',
  phone: 'form.phoneLabel',
  email: 'form.emailLabel',
  preferredTimes: 'form.timesLegend',
  message: 'form.messageLabel',
}

export function renderForm(t: Translate, language: PublicLanguage, line: Config['line'], state: FormState): string {
  const v = state.values
  const errorOf = (field: keyof FormValues) => state.errors.find((e) => e.field === field)
  const errorText = (field: keyof FormValues) => {
    const e = errorOf(field)
    return e ? `<p class="error" id="${field}-error">${esc(t(`errors.${e.text}`))}</p>` : ''
  }
  const invalid = (field: keyof FormValues, hint?: string) => {
    const described = [hint, errorOf(field) ? `${field}-error` : null].filter(Boolean).join(' ')
    return `${errorOf(field) ? ' aria-invalid="true"' : ''}${described ? ` aria-describedby="${described}"` : ''}`
  }
  // A required group's radios carry `required`: the browser asks for a choice even without JavaScript.
  const radio = (field: keyof FormValues, id: string, value: string, label: string, checked: boolean, required = false) =>
    `<label for="${id}"><input type="radio" id="${id}" name="${field}" value="${esc(value)}"${checked ? ' checked' : ''}${required ? ' required' : ''}>${esc(label)}</label>`
  const group = (field: keyof FormValues, legend: string, inner: string) =>
    `<fieldset${errorOf(field) ? ` aria-describedby="${field}-error"` : ''}><legend>${esc(t(legend))}</legend>${errorText(field)}${inner}</fieldset>`

  const summary =
    state.problem || state.errors.length
      ? [
          '<div class="summary" role="alert" aria-labelledby="summary-title" tabindex="-1" id="summary">',
          `<h2 id="summary-title">${esc(t('result.errorSummary'))}</h2><ul>`,
          state.problem ? `<li>${esc(t(`errors.${state.problem}`))}</li>` : '',
          ...state.errors.map(
            (e) =>
              `<li><a href="#${FIRST[e.field]}">${esc(t(LABEL[e.field]).replace(/ \*$/, ''))} — ${esc(t(`errors.${e.text}`))}</a></li>`,
          ),
          '</ul></div>',
        ].join('')
      : ''
  const anonymousNote = line.phone ? t('form.anonymousNote', { phone: line.phone }) : t('form.anonymousNoteNoNumber')

  return [
    '<section class="form" aria-labelledby="form-title">',
    `<h2 id="form-title">${esc(t('form.title'))}</h2><p>${esc(t('form.intro'))}</p>`,
    summary,
    '<form method="post" action="/info/contact" accept-charset="utf-8">',
    `<input type="hidden" name="token" value="${esc(state.token)}"><input type="hidden" name="language" value="${language}">`,
    group(
      'callerKind',
      'form.kindLegend',
      REQUEST_CALLER_KINDS.map((k) => radio('callerKind', `f-callerKind-${k}`, k, t(`form.kind.${k}`), v.callerKind === k, true)).join(''),
    ),
    `<div class="field"><label for="f-sector">${esc(t('form.sectorLabel'))}</label>${errorText('sector')}`,
    `<select id="f-sector" name="sector"${invalid('sector')}><option value="">${esc(t('form.sectorChoose'))}</option>`,
    REQUEST_SECTORS.map((s) => `<option value="${s}"${v.sector === s ? ' selected' : ''}>${esc(t(`form.sector.${s}`))}</option>`).join(''),
    '</select></div>',
    group(
      'mode',
      'form.modeLegend',
      radio('mode', 'f-mode-callback', 'callback', t('form.modeCallback'), v.mode !== 'anonymous') +
        radio('mode', 'f-mode-anonymous', 'anonymous', t('form.modeAnonymous'), v.mode === 'anonymous') +
        `<p class="note" id="anonymous-note">${esc(anonymousNote)}</p>`,
    ),
    `<div class="field"><label for="f-name">${esc(t('form.nameLabel'))}</label><p class="hint" id="name-hint">${esc(t('form.nameHint'))}</p>${errorText('name')}`,
    `<input type="text" id="f-name" name="name" maxlength="${NAME_MAX}" autocomplete="given-name" value="${esc(v.name)}"${invalid('name', 'name-hint')}></div>`,
    group(
      'reachBy',
      'form.reachLegend',
      radio('reachBy', 'f-reachBy-phone', 'phone', t('form.reachPhone'), v.reachBy === 'phone') +
        radio('reachBy', 'f-reachBy-email', 'email', t('form.reachEmail'), v.reachBy === 'email'),
    ),
    `<div class="field"><label for="f-phone">${esc(t('form.phoneLabel'))}</label>${errorText('phone')}`,
    `<input type="tel" id="f-phone" name="phone" maxlength="30" autocomplete="tel" value="${esc(v.phone)}"${invalid('phone')}></div>`,
    `<div class="field"><label for="f-email">${esc(t('form.emailLabel'))}</label>${errorText('email')}`,
    `<input type="email" id="f-email" name="email" maxlength="254" autocomplete="email" value="${esc(v.email)}"${invalid('email')}></div>`,
    group(
      'preferredTimes',
      'form.timesLegend',
      PREFERRED_TIMES.map(
        (p) =>
          `<label for="f-times-${p}"><input type="checkbox" id="f-times-${p}" name="preferredTimes" value="${p}"${v.preferredTimes.includes(p) ? ' checked' : ''}>${esc(t(`form.times.${p}`))}</label>`,
      ).join(''),
    ),
    `<div class="field"><label for="f-message">${esc(t('form.messageLabel'))}</label><p class="hint" id="message-hint">${esc(t('form.messageHint', { max: MESSAGE_MAX }))}</p>${errorText('message')}`,
    `<textarea id="f-message" name="message" maxlength="${MESSAGE_MAX}" rows="6"${invalid('message', 'message-hint')}>${esc(v.message)}</textarea></div>`,
    // The honeypot: out of sight and out of the tab order; people leave it empty, form-filling scripts do not.
    `<div class="trap" aria-hidden="true"><label for="f-website">${esc(t('form.honeypot'))}</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off" value=""></div>`,
    `<p>${esc(t('form.privacy'))}</p>`,
    `<button type="submit">${esc(t('form.submit'))}</button>`,
    '</form></section>',
  ].join('')
}
