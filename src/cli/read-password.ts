import { createInterface } from 'node:readline';

/** The password was not given, or typing it was cancelled. */
export class PasswordInputError extends Error {}

/**
 * A password for a command: never from argv (visible in `ps` and the shell history). From the
 * variable `envName` when set and not empty; else, on a terminal, typed twice with echo off; else
 * the first line of standard input (a pipe or a file).
 */
export async function readPassword(
  envName: string,
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv) {
    // Not passed on to anything this process might start.
    delete process.env[envName];
    return fromEnv;
  }
  if (input.isTTY) {
    const first = await promptHidden(input, prompt);
    const second = await promptHidden(input, 'Repeat the password: ');
    if (first !== second) throw new PasswordInputError('the two passwords do not match');
    return first;
  }
  const line = await firstLine(input);
  if (line === undefined) {
    throw new PasswordInputError(`no password: set ${envName} or write it to standard input`);
  }
  return line;
}

/** Reads one line from the terminal in raw mode, echoing nothing. Ctrl-C and Ctrl-D cancel. */
function promptHidden(input: NodeJS.ReadStream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      if (chunk.startsWith('\u001b')) return; // arrow keys and other escape sequences
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new PasswordInputError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    // Echo off before the prompt shows, so that nothing typed after it is echoed.
    input.setRawMode(true);
    input.setEncoding('utf8');
    process.stderr.write(prompt);
    input.on('data', onData);
    input.resume();
  });
}

/** The first line of a stream without its line ending; undefined when the stream is empty. */
async function firstLine(input: NodeJS.ReadableStream): Promise<string | undefined> {
  const lines = createInterface({ input, terminal: false, crlfDelay: Infinity });
  try {
    for await (const line of lines) return line;
    return undefined;
  } finally {
    lines.close();
  }
}
