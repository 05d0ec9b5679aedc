import path from 'node:path';
import { projectRoot } from './project-root';

/** Where the knowledge base lives: `KNOWLEDGE_BASE_DIR` if set, else the project's `protocol-data/`. */
export function knowledgeBaseDir(configured: string | undefined): string {
  return configured ? path.resolve(configured) : path.join(projectRoot(), 'protocol-data');
}
