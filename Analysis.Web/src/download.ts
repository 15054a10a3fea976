// Saving what the app holds (results it drew, a dataset fetched with the API key) as a file: a link to the data,
// clicked for the person, since a plain link to the API could not send the key.

export function download(name: string, data: Blob | string, type = "application/octet-stream"): void {
  const url = URL.createObjectURL(typeof data === "string" ? new Blob([data], { type }) : data);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
