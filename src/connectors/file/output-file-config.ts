// Names of finished part files: `<partPrefix>-<writer id>-<counter><partSuffix>` (Flink's OutputFileConfig).
import { ConfigError } from '../../core/errors.ts';

export interface OutputFileConfig {
  /** Default 'part'. */
  readonly partPrefix: string;
  /** Default '' (for example '.json'). */
  readonly partSuffix: string;
}

export function outputFileConfig(config: Partial<OutputFileConfig> = {}): OutputFileConfig {
  const resolved = { partPrefix: config.partPrefix ?? 'part', partSuffix: config.partSuffix ?? '' };
  for (const [key, value] of Object.entries(resolved)) {
    if (value.includes('/') || value.includes('\\')) throw new ConfigError(key, `${key} may not contain a path separator, got '${value}'`);
  }
  // A hidden prefix would hide finished files from readers, like in-progress ones.
  if (resolved.partPrefix.startsWith('.') || resolved.partPrefix.startsWith('_')) {
    throw new ConfigError('partPrefix', `partPrefix may not start with '.' or '_' (that marks hidden files), got '${resolved.partPrefix}'`);
  }
  return resolved;
}
