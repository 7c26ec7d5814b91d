// The services a web migration leaves out: FTP, SMTP and NNTP keep their own key trees, which Web
// Deploy's web server migration (webServer60, metaKey=lm/w3svc) does not move. Reported once per
// service, on the Location of its first key.

import { MetabaseModel, ModelSegment } from '../../model/document';
import { clip } from '../../quote';
import { Finding } from '../finding';

const SERVICES: ReadonlyMap<string, string> = new Map([
  ['/lm/msftpsvc', 'FTP'],
  ['/lm/smtpsvc', 'SMTP'],
  ['/lm/nntpsvc', 'NNTP'],
]);

export function nonWebServices(text: string, model: MetabaseModel): Finding[] {
  const found = new Map<string, { first: ModelSegment; count: number }>();
  for (const segment of model.segments) {
    const location = segment.isKey ? segment.key?.location?.key : undefined;
    const root = location && /^\/lm\/[^/]+/.exec(location)?.[0];
    if (!root || !SERVICES.has(root)) continue;
    const service = found.get(root);
    if (service) service.count++;
    else found.set(root, { first: segment, count: 1 });
  }
  return [...found].map(([root, { first, count }]) => {
    const start = first.start + first.key!.location!.start;
    const end = first.start + first.key!.location!.end;
    return {
      rule: 'migration-non-web-service', start, end, fixes: [],
      message: `the ${SERVICES.get(root)} service (${count} key${count === 1 ? '' : 's'} under ${clip(text.slice(start, end).replace(/^(\/LM\/[^/]+).*$/is, '$1'))}) is not part of a web migration: set it up again on the new server (IIS 7+ FTP is another service with its own configuration)`,
    };
  });
}
