/**
 * Module boundaries, checked by `npm test` (`npm run check`): dependency-cruiser draws the graph from the imports
 * under src/ and fails on any rule below. CONVENTIONS.md: routes → service → (repository, domain); domain/ is pure;
 * a module uses another through its service (or the SQL fragments its `*.sql.ts` offers), never its repository;
 * module dependencies point one way (intake → claims → codes); no cycles.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Import cycles tangle modules: extract what both sides need instead.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'src/domain/ is pure logic: it imports nothing of the app (no Fastify, no drizzle, no modules). Its file ' +
        'parsers may use Node streams and the csv-parse tokenizer.',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', '^node_modules/csv-parse/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'repositories-are-private',
      severity: 'error',
      comment: 'A module reaches another through its service (wired in src/services.ts), never its repository.',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/[^/]+[.]repository[.]ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'only-the-root-reaches-into-modules',
      severity: 'error',
      comment: 'lib/, db/ and plugins/ serve the modules; they never import one (plugins get services handed in).',
      from: { path: '^src/(lib|db|plugins)/' },
      to: { path: '^src/modules/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'lib-is-generic',
      severity: 'error',
      comment: 'src/lib/ holds small generic helpers: nothing of the app’s layers.',
      from: { path: '^src/lib/' },
      to: { path: '^src/(db|plugins|modules|domain)/|^src/(app|services|server|worker|errors)[.]ts$' },
    },
    {
      name: 'modules-do-not-reach-the-root',
      severity: 'error',
      comment: 'Modules are composed by src/services.ts and src/app.ts; they never import them.',
      from: { path: '^src/(modules|domain|db|lib)/' },
      to: { path: '^src/(app|services|server|worker|errors|openapi-document)[.]ts$' },
    },
    {
      name: 'claims-never-reads-intake',
      severity: 'error',
      comment: 'Intake depends on claims, one way: claims never imports intake (or encounters).',
      from: { path: '^src/modules/claims/' },
      to: { path: '^src/modules/(intake|encounters)/' },
    },
    {
      name: 'nothing-depends-on-intake',
      severity: 'error',
      comment: 'Intake is the top of the module graph: only the composition root imports it.',
      from: { path: '^src/modules/', pathNot: '^src/modules/intake/' },
      to: { path: '^src/modules/intake/' },
    },
    {
      name: 'claims-sits-above-master-data',
      severity: 'error',
      comment: 'Master data, code sets and the platform modules never import claims.',
      from: {
        path: '^src/modules/(codes|patients|providers|payers|coverages|organizations|auth|audit|events|idempotency|health)/',
      },
      to: { path: '^src/modules/claims/' },
    },
    {
      name: 'platform-modules-are-leaves',
      severity: 'error',
      comment: 'audit, events and idempotency are used by every module and use none of the business modules.',
      from: { path: '^src/modules/(audit|events|idempotency)/' },
      to: { path: '^src/modules/', pathNot: '^src/modules/(audit|events|idempotency)/' },
    },
    {
      name: 'routes-call-services',
      severity: 'error',
      comment: 'Handlers make one service call; they never reach a repository or SQL directly.',
      from: { path: '[.]routes[.]ts$' },
      to: { path: '[.](repository|sql)[.]ts$|^src/db/' },
    },
    {
      name: 'repositories-stay-below-services',
      severity: 'error',
      comment: 'A repository returns rows: it imports neither services, routes nor errors.',
      from: { path: '[.]repository[.]ts$' },
      to: { path: '[.](service|routes|errors)[.]ts$|^src/lib/(problem|platform[.]errors)[.]ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/|^node_modules/csv-parse/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
