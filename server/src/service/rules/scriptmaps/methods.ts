// HTTP methods a script map may list, and the verb lists IIS and its installers write per extension.

export const KNOWN_METHODS: ReadonlySet<string> = new Set([
  // HTTP/1.1
  'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH',
  // IIS and ASP.NET debugging
  'DEBUG', 'TRACK',
  // WebDAV
  'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'SEARCH',
  // Exchange WebDAV extensions
  'BCOPY', 'BDELETE', 'BMOVE', 'BPROPFIND', 'BPROPPATCH', 'NOTIFY', 'POLL', 'SUBSCRIBE', 'UNSUBSCRIBE', 'X-MS-ENUMATTS',
  // RPC over HTTP
  'RPC_IN_DATA', 'RPC_OUT_DATA',
]);

/** A method is an HTTP token (RFC 9110): visible ASCII without separators. */
export function isToken(verb: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(verb);
}

export const DEFAULT_VERBS = 'GET,HEAD,POST';

const USUAL_VERBS: Record<string, string> = {
  '.asp': 'GET,HEAD,POST,TRACE', '.asa': 'GET,HEAD,POST,TRACE', '.cer': 'GET,HEAD,POST,TRACE', '.cdx': 'GET,HEAD,POST,TRACE',
  '.idc': 'GET,POST', '.shtm': 'GET,POST', '.shtml': 'GET,POST', '.stm': 'GET,POST',
};

const ASPNET = ['.aspx', '.asmx', '.ashx', '.asax', '.ascx', '.axd', '.config', '.cs', '.csproj', '.vb', '.vbproj',
  '.resx', '.resources', '.rem', '.soap', '.licx', '.webinfo', '.vsdisco', '.java', '.jsl', '.master', '.skin',
  '.browser', '.sitemap', '.compiled', '.msgx', '.svc', '.mdb', '.ldb', '.mdf', '.ldf', '.sdm', '.sdmdocument',
  '.ad', '.dd', '.ldd', '.sd', '.cd', '.adprototype', '.lddprototype', '.exclude', '.refresh', '.asp_browser'];
for (const ext of ASPNET) USUAL_VERBS[ext] = 'GET,HEAD,POST,DEBUG';

/** The verb list IIS or the usual installer writes for this extension, else GET,HEAD,POST. */
export function usualVerbs(extension: string): string {
  return USUAL_VERBS[extension.trim().toLowerCase()] ?? DEFAULT_VERBS;
}
