import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSecureContext } from 'node:tls';
import type { Config } from '../../config/index.js';
import { AmlopsError } from '../../core/errors/index.js';

/** A certificate (with its chain) and its private key, in PEM. */
export interface TlsFiles {
  readonly cert: Buffer;
  readonly key: Buffer;
}

function readSettingFile(setting: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AmlopsError('CONFIG_FILE_UNREADABLE', `cannot read ${setting} ${path} (${reason})`, {
      setting,
      path,
    });
  }
}

/**
 * The certificate and key the server answers HTTPS with (settings `server.tlsCertFile` and
 * `server.tlsKeyFile`, relative to `cwd`), or undefined for plain HTTP when neither is set. One
 * without the other, or files that are not a certificate and its key, are CONFIG_INVALID; a file
 * that cannot be read is CONFIG_FILE_UNREADABLE naming the setting and the path (never the content).
 *
 * @example
 * readTlsFiles(config, process.cwd()); // { cert, key } or undefined
 */
export function readTlsFiles(
  config: Pick<Config, 'server.tlsCertFile' | 'server.tlsKeyFile'>,
  cwd: string,
): TlsFiles | undefined {
  const certFile = config['server.tlsCertFile'];
  const keyFile = config['server.tlsKeyFile'];
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile)
    throw new AmlopsError(
      'CONFIG_INVALID',
      `server.tlsCertFile and server.tlsKeyFile go together: ${certFile ? 'server.tlsCertFile' : 'server.tlsKeyFile'} is set, ${certFile ? 'server.tlsKeyFile' : 'server.tlsCertFile'} is not (set both for HTTPS, neither for HTTP)`,
      { setting: certFile ? 'server.tlsKeyFile' : 'server.tlsCertFile' },
    );
  const certPath = resolve(cwd, certFile);
  const keyPath = resolve(cwd, keyFile);
  const files = {
    cert: readSettingFile('server.tlsCertFile', certPath),
    key: readSettingFile('server.tlsKeyFile', keyPath),
  };
  try {
    createSecureContext(files);
  } catch (error) {
    throw new AmlopsError(
      'CONFIG_INVALID',
      `server.tlsCertFile ${certPath} and server.tlsKeyFile ${keyPath} are not a PEM certificate and its private key (${(error as Error).message})`,
      { setting: 'server.tlsCertFile' },
    );
  }
  return files;
}
