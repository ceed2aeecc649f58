import { ConfigurationError } from '@roadstop/core';

/**
 * The workflow file name from `GITHUB_WORKFLOW_REF`, e.g.
 * `owner/repo/.github/workflows/ci.yml@refs/pull/1/merge` → `ci.yml`.
 * The baseline must come from the same workflow, and the runs API takes its file name.
 */
export function workflowFileFromRef(workflowRef: string | undefined): string {
  const ref = (workflowRef ?? '').trim();
  const match = /^[^/]+\/[^/]+\/\.github\/workflows\/([^/@]+)(?:@.*)?$/.exec(ref);
  if (!match?.[1]) {
    throw new ConfigurationError(
      `cannot tell the workflow file from GITHUB_WORKFLOW_REF '${ref}'`,
      {},
      'run inside a GitHub Actions workflow, or name the workflow file (e.g. ci.yml) explicitly',
    );
  }
  return match[1];
}
