/** Sizes in messages people read: MiB with one decimal, or exact bytes where rounding would hide the excess. */
const mebibytes = (bytes: number) => `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;

/** "The file is 120.5 MiB; the limit is 100 MiB per file." (exact bytes when both would read the same). */
export function tooLargeMessage(size: number, limit: number): string {
  const [shown, max] =
    mebibytes(size) === mebibytes(limit)
      ? [`${size.toLocaleString('en')} bytes`, `${limit.toLocaleString('en')} bytes`]
      : [mebibytes(size), mebibytes(limit)];
  return `The file is ${shown}; the limit is ${max} per file.`;
}
