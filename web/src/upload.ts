import { post } from './api';

/** A file chosen for an import, as the import routes take it: a CSV as its text, an Excel workbook (.xlsx) in base64. */
export async function fileContent(file: File): Promise<{ content: string } | { contentBase64: string }> {
  if (!file.name.toLowerCase().endsWith('.xlsx')) return { content: await file.text() };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { contentBase64: btoa(binary) };
}

/** A file sent as it is, streamed as multipart/form-data in the field the route names (the API's uploads). */
export function uploadFile<T>(path: string, field: string, file: File): Promise<T> {
  const form = new FormData();
  form.append(field, file, file.name);
  return post<T>(path, form);
}
