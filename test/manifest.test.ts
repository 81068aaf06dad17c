import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..');

interface Manifest {
  modules: Record<string, Array<{ key: string; function?: string; handler?: string; resource?: string; resolver?: { function: string } }>>;
  resources: Array<{ key: string; path: string }>;
  permissions: { scopes: string[] };
  app: { runtime: { name: string } };
}

const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it('passes @forge/manifest validation', async () => {
    // validate() resolves resource paths against the working directory.
    const previous = process.cwd();
    process.chdir(root);
    try {
      const { validate } = await import('@forge/manifest');
      const result = await validate(false, 'manifest.yml');
      expect(result.errors ?? []).toEqual([]);
      expect(result.success).toBe(true);
    } finally {
      process.chdir(previous);
    }
  }, 60_000);

  it('names only handlers that src/index.ts exports', async () => {
    const exported = Object.keys(await import('../src/index'));
    const handlers = manifest.modules.function!.map((f) => f.handler!.replace(/^index\./, ''));
    expect(handlers.filter((h) => !exported.includes(h))).toEqual([]);
    expect(exported.filter((e) => !handlers.includes(e))).toEqual([]);
  });

  it('points every module at a declared function and resource', () => {
    const functions = new Set(manifest.modules.function!.map((f) => f.key));
    const resources = new Set(manifest.resources.map((r) => r.key));
    for (const [type, modules] of Object.entries(manifest.modules)) {
      if (type === 'function') continue;
      for (const module of modules) {
        if (module.function) expect(functions).toContain(module.function);
        if (module.resolver) expect(functions).toContain(module.resolver.function);
        if (module.resource) expect(resources).toContain(module.resource);
      }
    }
  });

  it('has every resource built where the manifest says', () => {
    for (const resource of manifest.resources) {
      const path = join(root, resource.path);
      expect(existsSync(path)).toBe(true);
      if (!/\.[jt]sx?$/.test(resource.path) && resource.key === 'releases-ui') expect(existsSync(join(path, 'index.html'))).toBe(true);
    }
  });

  it('asks for exactly the scopes the product needs, on a supported runtime', () => {
    expect([...manifest.permissions.scopes].sort()).toEqual(
      ['manage:jira-project', 'read:jira-user', 'read:jira-work', 'read:page:confluence', 'read:space:confluence', 'storage:app', 'write:page:confluence'].sort(),
    );
    expect(['nodejs22.x', 'nodejs24.x']).toContain(manifest.app.runtime.name);
  });
});
