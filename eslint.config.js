import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/** Tables that hold data about a person concerned: only the doors (and the document store) name them in a query. */
// restrictions (0042): a person's restriction of processing, written only by security/restriction.ts.
// person_name_sets and name_set_keys (0062): the name search's keyed hashes, by distinct name.
const PERSON_TABLES = ['persons', 'person_keys', 'person_name_sets', 'name_set_keys', 'document_chunks', 'restrictions']
const CASE_TABLES = [
  'accompaniment_events',
  'access_grants',
  'case_sessions',
  'tasks',
  'documents',
  'judicial_reports',
  'assessments',
  'plan_versions',
  'trajectory_events',
  'case_relatives',
  'network_snapshots',
  'case_opens',
  'case_progress_facts',
]
/** The contact point's records: reached through security/contact-access.ts only. */
const CONTACT_TABLES = ['contacts', 'contact_history', 'contact_triages', 'contact_information_given', 'contact_day_counts']
const AUDIT_TABLES = ['audit_log', 'audit_head', 'audit_persons']
const names = (list) => `/^(${list.join('|')})(\\s+as\\s+\\w+)?$/`
const DOORS = '/^(openCase|rowsOf|visibleRows|visibleCases|countedCases)$/'
const doorRules = (audit = AUDIT_TABLES) => {
  const all = [...PERSON_TABLES, 'accompaniments', ...CASE_TABLES, ...CONTACT_TABLES, ...audit]
  const protectedTables = names(all)
  return [
    {
      selector: `CallExpression[callee.property.name=/^(selectFrom|updateTable|deleteFrom)$/][arguments.0.value=${protectedTables}]`,
      message:
        'Persons and case rows are read through their door: openCase/rowsOf/visibleRows/visibleCases (security/case-access.ts) or security/person-access.ts.',
    },
    {
      selector: `CallExpression[callee.property.name='insertInto'][arguments.0.value=${names(['accompaniments', ...CASE_TABLES, ...CONTACT_TABLES, ...audit, 'person_keys', 'person_name_sets', 'name_set_keys'])}]`,
      message: 'Rows of a case are added with insertRows(trx, acc, table, …): the case id comes from the door.',
    },
    {
      selector: `CallExpression[callee.property.name=/^(innerJoin|leftJoin|rightJoin|fullJoin)$/][arguments.0.value=${protectedTables}]:not(:has(CallExpression[callee.name=${DOORS}]))`,
      message: 'Join persons or case tables only onto a query that starts at a door (rowsOf, visibleRows, visibleCases, countedCases).',
    },
    {
      // A derived table (`selectFrom(query.as('name'))`) passes: its own statements name their tables.
      selector: `CallExpression[callee.property.name=/^(selectFrom|updateTable|deleteFrom|insertInto|innerJoin|leftJoin|rightJoin|fullJoin)$/][arguments.0.type!='Literal']:not([arguments.0.callee.property.name='as'])`,
      message: 'Name the table with a string literal, so that the door rules can see it.',
    },
    {
      selector: `TaggedTemplateExpression[tag.name='sql'] TemplateElement[value.raw=/\\b(${all.join('|')})\\b/]`,
      message: 'Raw SQL does not name persons or case tables in a module: use the doors.',
    },
    {
      selector: "MemberExpression[property.name='system']",
      message: 'The composition root is not for modules: use ctx.read/ctx.write, ctx.services and ctx.codec.',
    },
  ]
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-console': 'off',
    },
  },
  {
    // A hook called after an early return crashed the partner's organisation page (React #310)
    // with nothing to warn of it. Only the rules of hooks: the plugin's compiler-based rules and
    // exhaustive-deps would reopen hundreds of settled effects for no defect found.
    files: ['web/src/**/*.tsx', 'web/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error' },
  },
  {
    // Invariant 2: feature code never opens or imports the database layer. db/json.ts, a pure
    // helper that types JSON text columns, is the one file it may import. And a module goes
    // through a door's own file, whose exports are the door: the parts behind it
    // (case-access.rule.ts, person-access.open.ts…) export helpers for each other, not for modules.
    files: ['server/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)db(/(?!json$).*)?$', message: 'modules get a transaction from ctx, never the db layer' },
            {
              regex: '(^|/)security/(case|person)-access\\.',
              message: 'modules import the door (security/case-access, security/person-access), never the parts behind it',
            },
          ],
        },
      ],
    },
  },
  {
    // Invariant 3: persons and case rows are reached through their doors only
    // (server/security/case-access.ts, server/security/person-access.ts), never by naming the table.
    // Tests and their fixtures (test support, left out of the build) set up what they check directly.
    files: ['server/modules/**/*.ts'],
    ignores: ['server/**/*.test.ts', 'server/**/*.fixture.ts'],
    rules: { 'no-restricted-syntax': ['error', ...doorRules()] },
  },
  {
    // The DPO's audit screens read the log itself (their reads are audited like any other).
    files: ['server/modules/audit/**/*.ts'],
    ignores: ['server/**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...doorRules([])] },
  },
  {
    // Logs go through pino and never carry personal data.
    files: ['server/**/*.ts'],
    ignores: ['server/cli/**', 'server/**/*.test.ts', 'server/test/**'],
    rules: { 'no-console': 'error' },
  },
)
