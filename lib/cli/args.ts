import fs from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError, UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with usage errors that name the command and the offending flag. */
export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.replace(/\. To specify.*$/, '')}`);
  }
}

/** Reads an input file, turning the usual mistakes into one clear sentence each. */
export function readInputFile(file: string): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CliError(`${file}: no such file.`);
  }
  if (stat.isDirectory()) throw new CliError(`${file}: is a directory, expected a file.`);
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (error) {
    throw new CliError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

/** Writes an output file atomically-enough for a CLI: to a sibling temp file, then rename. */
export function writeOutputFile(file: string, bytes: Uint8Array): void {
  const temp = `${file}.${process.pid}.partial`;
  try {
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw new CliError(`${file}: cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

export function parseNumberFlag(
  command: string,
  flag: string,
  value: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number))
    throw new UsageError(`${command}: --${flag} must be a number, got "${value}".`);
  return number;
}
