import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';

/**
 * GitHub's own parser (the one behind the Actions language service and the workflow editor): the errors GitHub
 * would show for a workflow, as "file (Line: n, Col: m): message". The schema pass and then the conversion
 * pass, which checks what the schema cannot (needs of unknown jobs, cycles, matrix and expression contexts).
 * Empty when GitHub would accept the file.
 */
export async function githubWorkflowErrors(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value);
  return [...new Set(parsed.context.errors.getErrors().map((error) => error.message))];
}

/** The same for an action.yml, against GitHub's action schema. */
export function githubActionErrors(name: string, content: string): string[] {
  const parsed = parseAction({ name, content }, new NoOperationTraceWriter());
  return parsed.context.errors.getErrors().map((error) => error.message);
}
