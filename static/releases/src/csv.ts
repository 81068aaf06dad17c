/** CSV from a page: the text comes from the domain's one CSV writer (src/domain/csv.ts). */
import { downloadText } from './download';

export { csvCell, csvText } from '../../../src/domain/csv';

export function downloadCsv(fileName: string, text: string): void {
  downloadText(fileName, text, 'text/csv;charset=utf-8');
}
