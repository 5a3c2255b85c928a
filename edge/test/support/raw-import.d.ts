// Vite's `?raw` imports (a file's text, read at build time: the test isolate cannot read the disk).
declare module "*?raw" {
  const text: string;
  export default text;
}
