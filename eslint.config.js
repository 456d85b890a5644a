// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/**
 * The house's floors, top to bottom. A folder imports only from the floors below it (and itself); scripts/ and test/
 * sit on top and may import anything. Type-only imports may cross where a lower floor names what an upper one
 * defines (activities start workflows by name and type their inputs).
 */
const FLOORS = [
  {
    folder: 'scripts',
    below: [
      'worker',
      'api',
      'web',
      'histories',
      'workflows',
      'activities',
      'domain',
      'contracts',
      'prisma',
      'machines',
      'labels',
    ],
  },
  {
    folder: 'worker',
    below: ['api', 'histories', 'workflows', 'activities', 'domain', 'contracts', 'prisma', 'machines', 'labels'],
  },
  {
    folder: 'api',
    below: ['histories', 'workflows', 'activities', 'domain', 'contracts', 'prisma', 'machines', 'labels'],
  },
  { folder: 'web', below: ['contracts', 'workflows', 'machines', 'labels'] },
  { folder: 'histories', below: ['workflows', 'activities', 'domain', 'prisma', 'machines'] },
  { folder: 'workflows', below: ['activities', 'machines'], types: ['domain', 'labels'] },
  { folder: 'activities', below: ['domain', 'prisma', 'machines', 'labels'], types: ['workflows'] },
  // The records: each feature's reads and writes, the audited write, the outbox, an assignment's parties.
  { folder: 'domain', below: ['contracts', 'prisma', 'machines', 'labels'], types: ['workflows'] },
  // The shapes of the API's answers, shared by the routes and the pages.
  { folder: 'contracts', below: ['machines', 'labels'], types: ['workflows'] },
  { folder: 'prisma', below: ['machines'] },
  { folder: 'labels', below: ['machines'], types: ['workflows'] },
  { folder: 'machines', below: [] },
];
const ORDER =
  'scripts > worker > api, web > histories > workflows > activities > domain > contracts, prisma, labels > machines';
const layering = FLOORS.map(({ folder, below, types = [] }) => {
  const upstairs = FLOORS.map((f) => f.folder).filter((f) => f !== folder && !below.includes(f));
  const patterns = upstairs.map((up) => ({
    group: [`**/${up}/**`],
    allowTypeImports: types.includes(up),
    message: `Layering: ${folder}/ may not import ${up}/${types.includes(up) ? ' (types only)' : ''}; imports flow down: ${ORDER}.`,
  }));
  return {
    files: [`${folder}/**/*.ts`, `${folder}/**/*.tsx`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  };
});

export default tseslint.config(
  { ignores: ['node_modules/', 'generated/', 'data/', 'coverage/', 'test/histories/', 'web/dist/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code is replayed: no I/O, no Node built-ins, no database, nothing but deterministic code and types.
    files: ['workflows/**/*.ts', 'machines/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].map((name) => ({
            name,
            message: 'Workflows are deterministic: no Node built-ins.',
          })),
          patterns: [
            {
              group: [
                '**/worker/*',
                '**/generated/**',
                '@prisma/*',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message: 'Workflows do no I/O: call an activity instead.',
              allowTypeImports: true,
            },
            {
              group: ['**/activities', '**/activities/*', '**/domain', '**/domain/**'],
              message: 'Workflows import activity types only.',
              allowTypeImports: true,
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Time belongs to Temporal: use sleep() or condition().' },
        { name: 'setInterval', message: 'Time belongs to Temporal.' },
      ],
      // zod is shared by every workflow and frozen (workflows/shared-modules.ts): the checks of z.base64() and
      // z.base64url() write to regular expressions of zod's that the freeze reaches, and would fail the workflow task.
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name=/^base64(url)?$/][object.name='z']",
          message:
            'zod is frozen in the workflow sandbox: z.base64() and z.base64url() fail there (shared-modules.ts).',
        },
      ],
    },
  },
  ...layering,
  {
    // The HTTP edge holds no query and no audited write: those are the records' (domain/), which the routes call.
    files: ['api/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression > MemberExpression.callee[object.type='MemberExpression'][object.object.name=/^(prisma|tx|db)$/]",
          message: 'api/ makes no Prisma call: put the query in domain/<feature>/ and call it from the route.',
        },
        {
          selector: 'CallExpression > MemberExpression.callee[object.name=/^(prisma|tx)$/][property.name=/^\\$/]',
          message: 'api/ opens no transaction and runs no raw query: that belongs to domain/.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/domain/audit/log'],
              importNames: ['recordOnce', 'recordAllOnce'],
              message: "api/ writes no audited record itself: call the feature's writes in domain/.",
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
