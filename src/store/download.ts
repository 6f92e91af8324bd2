/** Hands a Blob to the browser as a file download (an object URL on a temporary link). */
export function browserDownload(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL by now; revoke later so slow starts still succeed.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
