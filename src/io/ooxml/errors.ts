// Why a package cannot be read, said about the part that is wrong. The adapter adds the file's name.

/** A package (zip) or one of its parts that Throughline refuses to read. */
export class PackageError extends Error {
  constructor(
    message: string,
    /** The part at fault, when there is one ("xl/worksheets/sheet1.xml"). */
    readonly part: string | null = null,
  ) {
    super(message);
    this.name = 'PackageError';
  }
}
