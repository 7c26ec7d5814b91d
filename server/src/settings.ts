// The `iisMetabase` settings as the server uses them, read from whatever the client sends: values of the
// wrong type or out of range fall back to their defaults, so a broken settings.json never breaks validation.

import { MetabaseSettings, RULES_BY_ID, SeveritySetting } from './service';

export type ValidateOn = 'onType' | 'onSave';

export interface ServerSettings extends MetabaseSettings {
  enable: boolean;
  validate: ValidateOn;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { enable: true, validate: 'onType', rules: {} };

const SEVERITIES: ReadonlySet<string> = new Set<SeveritySetting>(['off', 'information', 'warning', 'error']);

/** Reads the `iisMetabase` section (an object, or anything else the client sends). */
export function readSettings(section: unknown): ServerSettings {
  if (!isObject(section)) return DEFAULT_SERVER_SETTINGS;
  const rules: Record<string, SeveritySetting> = {};
  if (isObject(section.rules)) {
    for (const [id, value] of Object.entries(section.rules)) {
      if (RULES_BY_ID.has(id) && typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as SeveritySetting;
    }
  }
  return {
    enable: typeof section.enable === 'boolean' ? section.enable : DEFAULT_SERVER_SETTINGS.enable,
    validate: section.validate === 'onSave' ? 'onSave' : 'onType',
    rules,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Settings per document. With `workspace/configuration` each document gets its own scope (a folder can
 * override the user's settings); without it every document uses the last pushed settings.
 */
export class SettingsCache {
  private readonly byUri = new Map<string, Promise<ServerSettings>>();
  private global: ServerSettings = DEFAULT_SERVER_SETTINGS;

  constructor(private readonly fetch: ((uri: string) => Promise<unknown>) | undefined) {}

  get(uri: string): Promise<ServerSettings> {
    if (!this.fetch) return Promise.resolve(this.global);
    let settings = this.byUri.get(uri);
    if (!settings) {
      // A failed request must not be cached: the next call asks again.
      settings = this.fetch(uri).then(readSettings, (error) => {
        this.byUri.delete(uri);
        throw error;
      });
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  /** After `workspace/didChangeConfiguration`: `pushed` is its `settings` payload. */
  changed(pushed: unknown): void {
    this.byUri.clear();
    if (isObject(pushed)) this.global = readSettings(pushed.iisMetabase);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
