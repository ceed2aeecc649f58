import type { GitHubClient, GitHubClientOptions } from './client.js';

/**
 * createGitHubClient, loaded when first needed: @octokit/rest and its plugins
 * are a quarter of what a step would otherwise parse and run before doing
 * anything, and only a baseline lookup, a download or the pull request files
 * API use them. The bundler puts them in a chunk of their own.
 */
export async function openGitHubClient(options: GitHubClientOptions): Promise<GitHubClient> {
  const { createGitHubClient } = await import('./client.js');
  return createGitHubClient(options);
}
