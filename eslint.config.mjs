// @ts-check
// ESLint for src/, scripts/ and test/: typescript-eslint's recommended rules, and the rule that keeps imports
// pointing one way (docs: /work/shared/STYLE.md, "Imports point one way"). `npm run lint` runs it; `.ci/run` fails on it.
// Type-aware rules (recommendedTypeChecked) are left out: they took ~60 s over the repo on 2 cores, against ~13 s without.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * The import direction, top to bottom: channels → app (the composition root; `app/bot.ts` is the bot as channels
 * see it) → answer, workflows → knowledge, nlu, storage and the other shared folders → errors, shared.
 * Each entry lists the top-level folders of src/ that files in `folders` must not import.
 */
const BELOW_ANSWER = ['answer', 'workflows', 'evaluation', 'observability', 'channels', 'app'];
const LAYERS = [
  // The case and answer logic knows nothing of chat platforms, the composition root or the tools built on it.
  { folders: ['answer', 'workflows'], forbidden: ['evaluation', 'observability', 'channels', 'app'] },
  // Read-only tools over the core (metrics, evaluation) sit beside app, under the channels.
  { folders: ['observability', 'evaluation'], forbidden: ['channels', 'app'] },
  // Data, understanding, storage and the shared building blocks never reach up into the use cases.
  { folders: ['knowledge', 'nlu', 'storage', 'directory', 'config', 'security'], forbidden: BELOW_ANSWER },
  // Errors and shared (the clock) are the floor: every layer may import them, they import no other layer.
  {
    folders: ['errors', 'shared'],
    forbidden: [...BELOW_ANSWER, 'knowledge', 'nlu', 'storage', 'directory', 'config', 'security'],
  },
];

/** A relative import that climbs out of the current folder into one of `folders` (layer names are unique in src/). */
const climbsInto = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

const importDirection = LAYERS.map(({ folders, forbidden }) => ({
  files: folders.map((folder) => `src/${folder}/**/*.ts`),
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: climbsInto(forbidden),
            message: `Imports point one way (channels → app → answer, workflows → knowledge, nlu, storage → errors, shared): src/{${folders.join(',')}} must not import src/{${forbidden.join(',')}}. Move the shared type down a layer or pass it in.`,
          },
        ],
      },
    ],
  },
}));

/** Channel adapters see the core through `app/bot.ts` (and find files with `app/project-root.ts`), never the builders. */
const channelsSeeOnlyTheBot = {
  files: ['src/channels/**/*.ts'],
  // The CLI is a composition root of its own (it builds the knowledge base and workflows for one command).
  ignores: ['src/channels/cli/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^(\\.\\./)+app/(?!(bot|project-root)$)',
            message: 'A channel adapter takes the Bot (src/app/bot.ts) it is given; only src/app builds infrastructure.',
          },
        ],
      },
    ],
  },
};

/** Node's CommonJS globals for the few plain JavaScript helpers the tests start as child processes. */
const NODE_GLOBALS = { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', Buffer: 'readonly', console: 'readonly', URL: 'readonly' };

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'coverage/**', 'public/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a parameter or destructured field kept on purpose (a fixed signature, a field left out).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests reach into parsed YAML and fake platform payloads to corrupt them on purpose; typing each would hide the intent.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: NODE_GLOBALS },
    // Plain CommonJS scripts load modules with require(); that is how they are meant to work.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { globals: NODE_GLOBALS } },
  ...importDirection,
  channelsSeeOnlyTheBot,
);
