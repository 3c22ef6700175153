/** Why a file could not be read, in words: "no such file" rather than Node's "ENOENT: no such file or directory, open 'x'". */
export function fileProblem(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default:
      return (err instanceof Error ? err.message : String(err)).replace(/^E[A-Z]+: /, '');
  }
}
