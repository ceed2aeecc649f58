import { describe, expect, it } from 'vitest';
import { looseName, looksLikeHash, stableName } from '../src/index.js';

describe('stableName', () => {
  it.each([
    // webpack
    ['dist/main.3f9a1c2e.js', 'dist/main.[hash].js'],
    ['dist/static/js/123.3f9a1c2e.chunk.js', 'dist/static/js/123.[hash].chunk.js'],
    ['dist/3f9a1c2e9d0b4a11.js', 'dist/[hash].js'],
    ['build/static/css/main.8c8b27cf.css', 'build/static/css/main.[hash].css'],
    ['dist/main.3f9a1c2e5b7d9f1a3c5e.js', 'dist/main.[hash].js'],
    // Vite / Rollup
    ['dist/assets/index-BxK3a9_f.js', 'dist/assets/index-[hash].js'],
    ['dist/assets/about-t-mJQu_K.js', 'dist/assets/about-[hash].js'],
    ['dist/assets/vendor-D-x3_a9f.css', 'dist/assets/vendor-[hash].css'],
    // a hash that reads like CamelCase words is left to looseName
    ['dist/assets/index-DiwrgTda.js', 'dist/assets/index-DiwrgTda.js'],
    ['dist/chunk-5e8a3b1c.js', 'dist/chunk-[hash].js'],
    ['dist/assets/my-page-CfDxK9YQ.js', 'dist/assets/my-page-[hash].js'],
    // esbuild
    ['out/chunk-ABCDEFGH.js', 'out/chunk-[hash].js'],
    ['out/chunk-Q2XZK7LM.js', 'out/chunk-[hash].js'],
    // names that are not hashes stay
    ['dist/chunk-settings.js', 'dist/chunk-settings.js'],
    ['dist/Dashboard.js', 'dist/Dashboard.js'],
    ['dist/main.js', 'dist/main.js'],
    ['dist/vendor-react.js', 'dist/vendor-react.js'],
    ['dist/facade.js', 'dist/facade.js'],
    ['dist/pages/UserProfile.js', 'dist/pages/UserProfile.js'],
    ['dist/README', 'dist/README'],
    ['dist/polyfills-legacy.js', 'dist/polyfills-legacy.js'],
  ])('%s → %s', (path, stable) => {
    expect(stableName(path)).toBe(stable);
  });

  it('gives two builds of the same chunk the same name', () => {
    expect(stableName('dist/main.3f9a1c2e.js')).toBe(stableName('dist/main.a81b9f00.js'));
    expect(stableName('dist/assets/index-BxK3a9_f.js')).toBe(stableName('dist/assets/index-Cq7_zZ1p.js'));
  });

  it('tells hashes from words', () => {
    expect(['3f9a1c2e', 'BxK3a9_f', 'ABCDEFGH', 'deadbeef', 'CfDxK9YQ'].map(looksLikeHash)).toEqual([true, true, true, true, true]);
    expect(['settings', 'Dashboard', 'react', 'UserProfile', 'legacy', 'facade', 'abc12'].map(looksLikeHash)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe('looseName', () => {
  it('meets Vite hashes that read like words', () => {
    expect(looseName('dist/assets/index-DiwrgTda.js')).toBe(looseName('dist/assets/index-BxK3a9_f.js'));
    expect(looseName('dist/assets/index-DiwrgTda.js')).toBe('dist/assets/index-[hash].js');
    expect(looseName('dist/main.js')).toBe('dist/main.js');
  });
});
