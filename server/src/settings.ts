// The `iisMetabase` settings as the server uses them, read from whatever the client sends: values of the
// wrong type or out of range fall back to their defaults, so a broken settings.json never breaks validation.

import { MetabaseSettings, RULES_BY_ID, SeveritySetting } from './service';

export type ValidateOn = 'onType' | 'onSave';

export interface ServerSettings extends MetabaseSettings {
  enable: boolean;
  validate: ValidateOn;
  /** The most diagnostics sent per document (one more says how many were left out). */
  maxNumberOfProblems: number;
  /** The most outline symbols and folding ranges made per document (the top of the tree, the outer ranges first). */
  maxItemsComputed: number;
  /** Code lenses on ScriptMaps lists that replace an inherited list. */
  scriptMapsLens: boolean;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  enable: true, validate: 'onType', maxNumberOfProblems: 1000, maxItemsComputed: 5000, scriptMapsLens: true, rules: {},
};

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
    maxNumberOfProblems: Number.isInteger(section.maxNumberOfProblems) && (section.maxNumberOfProblems as number) >= 0
      ? section.maxNumberOfProblems as number : DEFAULT_SERVER_SETTINGS.maxNumberOfProblems,
    maxItemsComputed: Number.isInteger(section.maxItemsComputed) && (section.maxItemsComputed as number) >= 1
      ? section.maxItemsComputed as number : DEFAULT_SERVER_SETTINGS.maxItemsComputed,
    scriptMapsLens: !(isObject(section.codeLens) && section.codeLens.scriptMapsOverride === false),
    rules,
    migration: isObject(section.migration) && section.migration.enable === true,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How long a `workspace/configuration` request may take before the defaults are used. */
export const CONFIGURATION_TIMEOUT_MS = 3000;

/**
 * Settings per document. With `workspace/configuration` each document gets its own scope (a folder can
 * override the user's settings); without it every document uses the last pushed settings. A client that
 * answers with an error, or not at all, gets the defaults (`fellBack` says why, once per failure).
 */
export class SettingsCache {
  private readonly byUri = new Map<string, Promise<ServerSettings>>();
  private global: ServerSettings = DEFAULT_SERVER_SETTINGS;

  constructor(
    private readonly fetch: ((uri: string) => Promise<unknown>) | undefined,
    private readonly fellBack: (reason: string) => void = () => {},
    private readonly timeoutMs = CONFIGURATION_TIMEOUT_MS,
  ) {}

  get(uri: string): Promise<ServerSettings> {
    if (!this.fetch) return Promise.resolve(this.global);
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.ask(this.fetch, uri);
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  private ask(load: (uri: string) => Promise<unknown>, uri: string): Promise<ServerSettings> {
    return new Promise<ServerSettings>((resolve) => {
      const timer = setTimeout(() => {
        this.fellBack(`workspace/configuration for ${uri} got no answer in ${this.timeoutMs} ms`);
        resolve(DEFAULT_SERVER_SETTINGS);
      }, this.timeoutMs);
      load(uri).then((section) => {
        clearTimeout(timer);
        resolve(readSettings(section));
      }, (error) => {
        clearTimeout(timer);
        // A failed request is not cached: the next call asks again.
        this.byUri.delete(uri);
        this.fellBack(`workspace/configuration for ${uri} failed: ${error instanceof Error ? error.message : String(error)}`);
        resolve(DEFAULT_SERVER_SETTINGS);
      });
    });
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
