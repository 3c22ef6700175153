// Folder-level layering, checked by `npm run lint:folders` (part of `npm test`). File-level rules live in
// eslint.config.mjs (import-x/no-cycle catches file cycles); this catches what it cannot see: two
// folders that import each other, each through a different file.
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-folder-cycle',
      severity: 'error',
      comment: 'Two folders of the product import each other: move what both need to a folder of its own.',
      scope: 'folder',
      from: {}, // every folder: shared/, the faces, the emulator, tests, bench
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|coverage)/' },
    // type-only imports count: a folder cycle through types is still two folders that know each other
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
