// The schema facts each file is checked against: the schema given with --schema, else an MBSchema.xml
// beside the file (servers can extend IIS's schema), else IIS 6's own.

import { lstatSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SchemaError, SchemaFacts, factsFromSchema, iisSchemaFacts } from '../service/schema';
import { FileError } from './files';
import { readSource } from './source';

export const SCHEMA_FILE = 'MBSchema.xml';

/** The facts of a schema file; a FileError that names the file and the fault when it is not usable. */
export function readSchema(path: string): SchemaFacts {
  const { text } = readSource(path);
  try {
    return factsFromSchema(text);
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    throw new FileError(`cannot use the schema '${path}': ${error.message}`);
  }
}

/** The schema a file is checked against, and the path it was read from (none: IIS 6's own). */
export interface SchemaChoice {
  facts: SchemaFacts;
  path?: string;
}

/** The schema of --schema, when one is given. */
export function givenSchema(path: string | undefined): SchemaChoice | undefined {
  return path === undefined ? undefined : { facts: readSchema(path), path };
}

export class SchemaChooser {
  private readonly beside = new Map<string, SchemaChoice>();

  /**
   * `given`: the schema of --schema. `refuse` is told, once per folder, of an MBSchema.xml that cannot be used
   * (IIS's schema is used then).
   */
  constructor(private readonly given: SchemaChoice | undefined, private readonly refuse: (message: string) => void) {}

  choiceFor(file: string): SchemaChoice {
    if (this.given) return this.given;
    const folder = dirname(file);
    let choice = this.beside.get(folder);
    if (!choice) {
      choice = this.read(join(folder, SCHEMA_FILE));
      this.beside.set(folder, choice);
    }
    return choice;
  }

  private read(path: string): SchemaChoice {
    // Anything at the path is read or refused (a FIFO, a device or a directory too: readSource never waits
    // on one); only nothing there means IIS's own schema.
    if (!exists(path)) return { facts: iisSchemaFacts() };
    try {
      return { facts: readSchema(path), path };
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      this.refuse(`${error.message}; IIS 6's own schema is used instead`);
      return { facts: iisSchemaFacts() };
    }
  }
}

/** Whether there is anything at the path, a dangling symbolic link included (that one is refused). */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}
