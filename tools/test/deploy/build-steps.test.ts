import { describe, expect, it } from 'vitest';
import { fptRunModel, installedMarker } from '../../test-support/deploy/build-steps.js';
import { removes } from '../../test-support/deploy/image-layout.js';
import { packagesBuiltBy, type WorkspacePackage } from '../../test-support/deploy/workspace-graph.js';

// The RUN model on a small workspace: a CLI built by tsc -b that references a library, and a web UI built by
// Vite through `npm run build -w`, the way the root build script chains them.
function pkg(name: string, dir: string, more: Partial<WorkspacePackage> = {}): WorkspacePackage {
  return { name, dir, dependencies: {}, files: ['dist'], tsReferences: [], scripts: {}, ...more };
}
const workspace = new Map(
  [
    pkg('@x/lib', 'packages/lib'),
    pkg('@x/cli', 'packages/cli', { tsReferences: ['packages/lib'], dependencies: { '@x/lib': '1' } }),
    pkg('@x/ui', 'packages/ui', { scripts: { build: 'vite build' }, dependencies: { '@x/lib': '1' } }),
  ].map((p) => [p.name, p]),
);
const checkoutFiles = [
  'packages/lib/src/index.ts',
  'packages/lib/src/types.d.ts',
  'packages/cli/src/bin.ts',
  'packages/ui/index.html',
  'packages/ui/vite.config.ts',
  'packages/ui/src/app.tsx',
  'packages/ui/test/app.test.ts',
  'packages/ui/README.md',
];
const buildScript = 'tsc -b packages/cli && npm run build -w @x/ui';
const model = fptRunModel({ workspace, imagePackages: [...workspace.values()], checkoutFiles, buildScript });

describe('what the build commands read and write', () => {
  it('lists the packages the root build script builds', () => {
    expect(packagesBuiltBy(workspace, buildScript).sort()).toEqual(['@x/cli', '@x/lib', '@x/ui']);
    expect(packagesBuiltBy(workspace, 'tsc -b packages/lib')).toEqual(['@x/lib']);
  });

  it('npm ci writes the installed files it is told of', () => {
    const withNative = fptRunModel({
      workspace,
      imagePackages: [],
      checkoutFiles,
      buildScript,
      installedFiles: ['node_modules/m/build/Release/x.node'],
    });
    expect(withNative('npm ci', '/app').adds).toEqual([
      `/app/${installedMarker}`,
      '/app/node_modules/m/build/Release/x.node',
    ]);
  });

  it('npm ci reads the lockfile and every manifest, and installs node_modules', () => {
    expect(model('npm ci --no-audit', '/app')).toEqual({
      needs: [
        '/app/package.json',
        '/app/package-lock.json',
        '/app/packages/lib/package.json',
        '/app/packages/cli/package.json',
        '/app/packages/ui/package.json',
      ],
      adds: [`/app/${installedMarker}`],
    });
  });

  it('npm run build compiles the referenced projects and builds the UI with Vite', () => {
    const effect = model('npm run build && npm prune --omit=dev', '/app');
    expect(effect.unknown).toBeUndefined();
    expect(effect.needs).toEqual(
      expect.arrayContaining([
        '/app/tsconfig.base.json',
        '/app/packages/cli/tsconfig.json',
        '/app/packages/lib/tsconfig.json',
        '/app/packages/lib/src/index.ts',
        '/app/packages/ui/index.html',
        '/app/packages/ui/src/app.tsx',
        `/app/${installedMarker}`,
      ]),
    );
    expect(effect.needs).not.toContain('/app/packages/ui/test/app.test.ts');
    expect(effect.adds.sort()).toEqual([
      '/app/packages/cli/dist/bin.js',
      '/app/packages/lib/dist/index.js',
      '/app/packages/ui/dist/index.html',
    ]);
  });

  it('Vite reads the sources of the workspace packages the UI depends on, which it bundles', () => {
    expect(model('npm run build -w @x/ui', '/app').needs).toEqual(
      expect.arrayContaining(['/app/packages/lib/src/index.ts', '/app/packages/ui/src/app.tsx']),
    );
  });

  it('reports a command it cannot follow instead of guessing', () => {
    expect(model('npm run build -w @x/lib', '/app').unknown).toBe('npm run build -w @x/lib');
    expect(model('make all', '/app').unknown).toBe('make all');
    expect(model('apt-get update && mkdir -p /data', '/').unknown).toBeUndefined();
    expect(model('rm -f stray.log', '/app').unknown).toBe('rm -f stray.log');
    expect(model('find build -name "*.o" -delete', '/app').unknown).toBe('find build -name "*.o" -delete');
  });

  it('follows rm -rf and the find -delete that keeps named paths', () => {
    expect(model('rm -rf node_modules/x/deps /var/lib/apt/lists/*', '/app')).toEqual({
      needs: [],
      adds: [],
      removes: [{ path: '/app/node_modules/x/deps' }, { path: '/var/lib/apt/lists/*' }],
    });
    const keep = 'find m/build -mindepth 1 ! -path m/build/Release ! -path m/build/Release/x.node -delete';
    expect(model(keep, '/app').removes).toEqual([
      { path: '/app/m/build', except: ['/app/m/build/Release', '/app/m/build/Release/x.node'] },
    ]);
    const removal = model(keep, '/app').removes![0]!;
    expect(removes(removal, '/app/m/build/Release/x.node')).toBe(false);
    expect(removes(removal, '/app/m/build/Release/obj/a.o')).toBe(true);
    expect(removes(removal, '/app/m/build/Makefile')).toBe(true);
    expect(removes(removal, '/app/m/buildx/y')).toBe(false);
    expect(removes({ path: '/var/lib/apt/lists/*' }, '/var/lib/apt/lists/deb/a')).toBe(true);
    // Keeping a file but not its folder: find would fail to delete the folder, and the RUN with it.
    expect(model('find m/build -mindepth 1 ! -path m/build/Release/x.node -delete', '/app').unknown).toBe(
      'find m/build -mindepth 1 ! -path m/build/Release/x.node -delete',
    );
  });

  it("the CLI's bundle step reads esbuild, its scripts and the compiled CLI, and writes dist/bundle/", () => {
    const cli = pkg('@x/cli', 'packages/cli', { scripts: { bundle: 'node scripts/bundle.mjs' } });
    const bundling = fptRunModel({
      workspace: new Map([[cli.name, cli]]),
      imagePackages: [cli],
      checkoutFiles: [...checkoutFiles, 'packages/cli/scripts/bundle.mjs', 'packages/cli/scripts/plugin.mjs'],
      buildScript: 'tsc -b packages/cli && npm run bundle -w @x/cli',
    });
    expect(bundling('npm run bundle -w @x/cli', '/app')).toEqual({
      needs: [
        `/app/${installedMarker}`,
        '/app/packages/cli/scripts/bundle.mjs',
        '/app/packages/cli/scripts/plugin.mjs',
      ],
      adds: ['/app/packages/cli/dist/bundle/main.js'],
    });
    const other = pkg('@x/cli', 'packages/cli', { scripts: { bundle: 'node scripts/other.mjs' } });
    const unknown = fptRunModel({
      workspace: new Map([[other.name, other]]),
      imagePackages: [other],
      checkoutFiles,
      buildScript: '',
    });
    expect(unknown('npm run bundle -w @x/cli', '/app').unknown).toBe(
      'node scripts/other.mjs (in packages/cli)',
    );
  });
});
