import type { Contents } from '@jupyterlab/services';

/**
 * A file's text through the Contents API, or null when it does not exist. The path is walked down from
 * the server root by listing each folder, so a missing file is never asked for: no 404 in the
 * server's log or the browser's console on a first open.
 */
export async function readTextIfExists(contents: Contents.IManager, path: string): Promise<string | null> {
  const parts = path.split('/').filter((p) => p !== '');
  let dir = '';
  for (let i = 0; i < parts.length; i++) {
    const listing = await contents.get(dir, { content: true, type: 'directory' });
    const entry = (listing.content as Contents.IModel[]).find((m) => m.name === parts[i]);
    const last = i === parts.length - 1;
    if (!entry || (last ? entry.type === 'directory' : entry.type !== 'directory')) return null;
    dir = dir ? `${dir}/${parts[i]}` : parts[i]!;
  }
  const file = await contents.get(path, { content: true, format: 'text', type: 'file' });
  return String(file.content);
}
