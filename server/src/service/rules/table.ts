// The one table of rules. Severity follows consequences: error = IIS fails (the service does not start,
// a request answers 500, the item cannot be parsed); warning = it works but is fragile, nonstandard or
// refused by IIS Manager; information = style or advice. Each rule has a page docs/rules/<id>.md and a setting
// `iisMetabase.rules.<id>` that overrides its severity.

export type Severity = 'error' | 'warning' | 'information';
export type SeveritySetting = Severity | 'off';

/** A group of rules that is off unless its setting turns it on (`iisMetabase.migration.enable`). */
export type RuleGroup = 'migration';

export interface Rule {
  id: string;
  severity: Severity;
  /** Set for the rules of an opt-in group: the severity applies only when the group is on. */
  group?: RuleGroup;
  /** One line: what the rule catches. */
  title: string;
  /** What IIS does about it, for hovers and docs. */
  consequence: string;
}

function rule(id: string, severity: Severity, title: string, consequence: string): Rule {
  return { id, severity, title, consequence };
}

/** A rule of the migration-readiness group: what a move to IIS 7+ trips over. */
function migrationRule(id: string, severity: Severity, title: string, consequence: string): Rule {
  return { id, severity, title, consequence, group: 'migration' };
}

export const RULES = [
  rule('xml-not-well-formed', 'error', 'The file is not well-formed XML.',
    'The IIS Admin service refuses to start with a metabase that is not well-formed XML.'),
  rule('xml-doctype', 'warning', 'A DOCTYPE declaration in a metabase.',
    'IIS never writes one. Its declarations are ignored here and its entities are never expanded.'),
  rule('key-type-unknown', 'warning', 'A key element whose name is not a key type of the metabase schema.',
    "The element name is the key's class (its KeyType): IIS and ADSI know only the schema's classes (IIS 6's MBSchema.xml, or the server's own), so IIS Manager does not show the key as the type meant, none of its properties is judged against a class, and what IIS does with it is not documented."),
  rule('scriptmaps-placement', 'warning', 'ScriptMaps set on a key type that cannot carry it.',
    'The schema allows ScriptMaps only on IIsWebService, IIsWebServer, IIsWebVirtualDir, IIsWebDirectory, IIsWebFile and untyped keys; what IIS does with it elsewhere is not documented.'),
  rule('key-location-shape', 'warning', 'A key type whose Location has the wrong shape.',
    'IIS finds its keys by path: an IIsWebServer that is not /LM/W3SVC/<number> is no site, and a virtual directory outside a site\'s ROOT serves no URL.'),
  rule('key-child-not-allowed', 'warning', "A key type that its parent key's ContainerClassList does not allow.",
    'IIS Manager and ADSI refuse to create such a key; IIS loads it, but what it does with it is not documented.'),
  rule('key-location-duplicate', 'warning', 'The same Location twice.',
    'IIS keeps one key per Location; which of the two keys (or which of their properties) it keeps is not documented.'),
  rule('property-unknown', 'warning', 'A property name that the metabase schema does not define.',
    'IIS reads only the properties its schema names (others are stored as <Custom> elements with an ID), so the setting has no effect. Names are case-sensitive.'),
  rule('property-not-allowed', 'warning', 'A property that the key type may not hold.',
    'The schema does not list it for this key type: IIS Manager and ADSI neither show nor edit it there, and the service that reads the key may ignore it.'),
  rule('dword-not-number', 'error', 'A DWORD value that is not a decimal number.',
    'IIS reads a DWORD as a decimal number from 0 to 4294967295; it cannot read this value, so the setting is refused or read as another number.'),
  rule('dword-range', 'warning', 'A DWORD value outside the range the schema gives.',
    'IIS Manager and ADSI refuse the value; the service that reads it may fall back to its default or fail to start the site or pool.'),
  rule('flagset-unknown-name', 'error', 'A name that is not a flag of its flag-set property.',
    'IIS cannot turn the name into a bit and refuses the value (AuthFlags="AuthNTML" gives no authentication at all).'),
  rule('flagset-separator', 'warning', "Flag names not joined by ' | ' as IIS writes them.",
    "IIS writes the names joined by ' | '; other separators are nonstandard, and whether IIS reads them is not documented."),
  rule('flagset-number', 'information', 'A flag set written as a number where IIS writes flag names.',
    'IIS reads the number, but it writes the names (AccessFlags="AccessRead | AccessScript"), which say what is set.'),
  rule('bool-value', 'error', 'A BOOL value that is neither TRUE nor FALSE.',
    'IIS reads a BOOL as TRUE or FALSE; another value is not read as the setting meant.'),
  rule('bool-case', 'information', 'A BOOL value written in another case than TRUE or FALSE.',
    'The schema marks BOOLs case-insensitive, so IIS reads it; IIS itself writes TRUE and FALSE.'),
  rule('custom-mismatch', 'warning', "A <Custom> whose Name, Type or UserType contradicts the schema's property of its ID.",
    'IIS goes by the ID: a wrong Name misleads whoever reads the file, and a wrong Type stores the value as another type than the service that reads it expects.'),
  rule('secure-plaintext', 'information', 'A secret (a SECURE property) that is not an encrypted value.',
    "IIS stores secrets encrypted with the server's key, as hex digits; a plain-text secret in a file that is copied and committed can be read by anyone who gets the file."),
  rule('item-blank', 'warning', 'A blank or white-space-only item in the list.',
    'An empty string ends a MULTISZ list, so IIS may drop the items after it; a white-space item cannot be parsed.'),
  rule('item-too-few-fields', 'error', 'An item with fewer than three fields.',
    'IIS needs Extension,ScriptProcessor,Flags and answers HTTP 500 (MD_SCRIPT_MAPS has an invalid value).'),
  rule('extension-empty', 'error', 'An item with an empty extension.',
    'IIS cannot map an empty extension and answers HTTP 500 (MD_SCRIPT_MAPS has an invalid value).'),
  rule('extension-missing-dot', 'warning', 'An extension without its leading dot.',
    'IIS Manager refuses an extension without the dot, and the mapping does not match as intended.'),
  rule('extension-dot-star', 'error', "The extension '.*', which is not a wildcard.",
    "'.*' is not a wildcard and fails; a wildcard map is written '*'."),
  rule('extension-star', 'warning', "An extension with a '*' in it, other than the wildcard '*' alone.",
    "IIS 6 takes '.ext' or the wildcard '*' alone; a '*' elsewhere is no pattern, and no file name holds one, so the mapping never matches."),
  rule('extension-spaces', 'warning', 'An extension that contains white space.',
    'Extensions hold no spaces; whether IIS trims them is not documented, so the mapping may never match.'),
  rule('extension-duplicate', 'warning', 'The same extension mapped twice in one list.',
    'Which of the two items IIS uses is not documented.'),
  rule('processor-empty', 'error', 'An item with an empty script processor.',
    'IIS has nothing to load and answers HTTP 500.'),
  rule('processor-relative', 'error', 'A script processor path that is not a full path.',
    'IIS needs the full path of the DLL or EXE; with a relative path the module is not found (HTTP 500).'),
  rule('processor-comma', 'error', 'A script processor path that contains a comma.',
    'Items are comma-separated, so IIS cuts the path at the comma and cannot read the item.'),
  rule('processor-unclosed-quote', 'error', 'A quoted script processor path without its closing quote.',
    'IIS cannot tell where the path ends and does not find the program.'),
  rule('unquoted-exe-path', 'error', 'A CGI program path with spaces that is not in quotes.',
    'IIS cannot tell where the path ends and where the arguments begin; the program does not start.'),
  rule('unquoted-dll-path', 'information', 'An ISAPI DLL path with spaces.',
    'IIS reads it at run time (KB 276557\'s own fix writes one with adsutil, unquoted), but IIS Manager refuses it ("You must enter a valid file path"), so the mapping cannot be edited there: advice.'),
  rule('processor-not-dll-or-exe', 'warning', 'A script processor that is neither a .dll nor an .exe.',
    'IIS runs ISAPI extensions (.dll) and CGI programs (.exe); anything else is not a script processor.'),
  rule('dll-arguments', 'warning', 'An ISAPI DLL path followed by arguments.',
    'An ISAPI extension takes no arguments; IIS may look for a file whose name includes them.'),
  rule('cgi-missing-placeholder', 'warning', "A CGI program without '%s'.",
    "Without '%s' the program is not told which script to run; the usual form is \"C:\\path\\x.exe\" \"%s\" %s."),
  rule('cgi-uppercase-placeholder', 'error', "'%S' instead of '%s' in CGI arguments.",
    "'%s' is case-sensitive: IIS passes '%S' through literally and the program gets no script path."),
  rule('processor-spaces', 'warning', 'White space around the script processor field.',
    'IIS Manager writes no spaces after the commas; whether IIS trims them is not documented, so the processor may not be found.'),
  rule('processor-unc', 'warning', 'A script processor on a network share (UNC path).',
    'IIS 6 requires the script processor on the Web server\'s local disk; a network share is not supported.'),
  rule('processor-environment-variable', 'warning', "An environment variable such as '%windir%' in the path.",
    'ScriptMaps is not an expandable string: the metabase does not expand it, and whether the runtime does is not documented.'),
  rule('flags-not-a-number', 'error', 'Flags that are not a decimal number.',
    'IIS cannot read the item and answers HTTP 500.'),
  rule('flags-spaces', 'warning', 'White space around the flags.',
    'IIS Manager writes the flags without spaces; whether IIS trims them is not documented.'),
  rule('flags-unknown-bits', 'warning', 'Flags with bits other than 1 (script), 4 (check path info) and the obsolete 2.',
    'Only bits 1 and 4 are documented, and bit 2 is obsolete (Windows\' own Indexing Service setup still writes 3 and 7); other bits are nonstandard.'),
  rule('verbs-missing', 'information', 'An item that lists no verbs (wildcard maps excepted).',
    'Advice, not a fault: IIS 5 and later then hand every HTTP verb to the processor; Microsoft recommends listing the verbs.'),
  rule('asp-missing-get', 'warning', 'An asp.dll mapping whose verb list lacks GET.',
    'ASP pages requested with GET are refused: 403.1 "Execute Access Forbidden" (KB Q284930, Q304916).'),
  rule('verb-all', 'warning', "'All' written as a verb.",
    "No HTTP method is called 'All': it matches nothing. All verbs are written as no verb list at all."),
  rule('verb-empty', 'warning', 'An empty verb: two commas in a row or a trailing comma.',
    'IIS writes no empty verbs; how it treats one is not documented.'),
  rule('verb-spaces', 'warning', 'White space around a verb.',
    'IIS writes verbs without spaces; whether it trims them is not documented, so the verb may never match.'),
  rule('verb-case', 'warning', 'A verb that is not in upper case.',
    'HTTP methods are case-sensitive: a lower-case verb does not match the requests it names.'),
  rule('verb-invalid', 'warning', 'A verb that is not a valid HTTP method token.',
    'It can never match a request.'),
  rule('verb-unknown', 'information', 'A verb that is not a known HTTP or WebDAV method.',
    'It only matches clients that send this custom method.'),
  rule('verb-duplicate', 'information', 'A verb listed twice in one item.',
    'The second one has no effect.'),
  rule('list-field-spaces', 'warning', 'White space around a field of a list item (bindings, custom errors, MIME types, ...).',
    'IIS writes no spaces around the fields of these lists; whether it trims them is not documented, so the field may not match.'),
  rule('bindings-field-count', 'error', 'A ServerBindings or SecureBindings item that is not IP:Port:Host.',
    'IIS cannot read the binding and the site does not start.'),
  rule('bindings-ip', 'error', 'A binding whose IP address is not an IPv4 address (nor empty).',
    'IIS 6 binds IPv4 addresses or All Unassigned (empty); it cannot bind anything else and the site does not start.'),
  rule('bindings-port', 'error', 'A binding whose port is not a number from 1 to 65535.',
    'IIS cannot bind the port and the site does not start.'),
  rule('bindings-host', 'warning', 'A binding whose host header is not a host name.',
    'No request carries such a Host header, so the binding never answers.'),
  rule('bindings-duplicate', 'warning', 'The same binding twice in one list.',
    'The second one adds nothing; it is usually a copy that was meant to be changed.'),
  rule('httperrors-field-count', 'error', 'An HttpErrors item with fewer than four fields.',
    'IIS needs Code,SubCode,FILE|URL,Path and cannot read the custom error.'),
  rule('httperrors-code', 'error', 'An HttpErrors status code that is not a number.',
    'IIS cannot read the custom error.'),
  rule('httperrors-code-range', 'warning', 'An HttpErrors status code outside 400-599.',
    'IIS sends custom errors for error statuses only; IIS Manager lists 4xx and 5xx codes, so the item is never used.'),
  rule('httperrors-subcode', 'error', "An HttpErrors sub-status that is neither a number nor '*'.",
    'IIS cannot read the custom error.'),
  rule('httperrors-kind', 'error', 'An HttpErrors kind that is neither FILE nor URL.',
    'IIS cannot tell whether to send a file or hand the request to a URL, and cannot read the custom error.'),
  rule('httperrors-path', 'warning', 'An HttpErrors path that does not fit its kind (a FILE that is no full path, a URL that is no URL).',
    'IIS does not find the file or URL and sends its default error text instead.'),
  rule('httperrors-duplicate', 'warning', 'The same status and sub-status twice in HttpErrors.',
    'Which of the two custom errors IIS sends is not documented.'),
  rule('headers-missing-colon', 'error', "An HttpCustomHeaders item without ':' between name and value.",
    'IIS sends the line as it is: every response carries a malformed header, which clients and proxies may reject.'),
  rule('headers-name', 'warning', 'An HttpCustomHeaders name that is not a valid header name.',
    'Every response carries a header that clients and proxies reject or ignore (white space before the colon must be rejected).'),
  rule('headers-duplicate', 'information', 'The same header twice in HttpCustomHeaders.',
    'Every response carries it twice; clients keep one of them or join them.'),
  rule('mimemap-field-count', 'error', 'A MimeMap item without a comma between extension and type.',
    'IIS cannot read the item: files of the extension get no MIME type and answer 404.3.'),
  rule('mimemap-extension', 'warning', 'A MimeMap extension without its leading dot (or none at all).',
    'IIS matches extensions with their dot, so no file gets this type.'),
  rule('mimemap-type', 'warning', 'A MimeMap type that is not type/subtype.',
    'IIS sends it as the Content-Type of the files; browsers do not know what they are.'),
  rule('mimemap-duplicate', 'warning', 'The same extension twice in MimeMap.',
    'Which of the two types IIS sends is not documented.'),
  rule('restriction-field-count', 'error', 'A WebSvcExtRestrictionList item without a path.',
    'IIS needs Allow,Path[,UIDeletable,GroupID,Description] and cannot read the item.'),
  rule('restriction-allow', 'error', 'A WebSvcExtRestrictionList allow flag that is neither 0 nor 1.',
    'IIS cannot read the item; an extension that is not allowed answers 404.2.'),
  rule('restriction-path', 'warning', "A WebSvcExtRestrictionList path that is neither a full path nor '*.dll' / '*.exe'.",
    'IIS compares the full path of the program it loads, so the item matches nothing.'),
  rule('restriction-deletable', 'warning', 'A WebSvcExtRestrictionList UIDeletable flag that is neither 0 nor 1.',
    'IIS Manager cannot tell whether the extension may be deleted.'),
  rule('restriction-duplicate', 'warning', 'The same path twice in WebSvcExtRestrictionList.',
    'Which of the two items IIS applies (allowed or prohibited) is not documented.'),
  rule('dependencies-format', 'warning', 'An ApplicationDependencies item that is not Application;GroupID[,GroupID...].',
    'IIS Manager cannot read which extensions the application needs, so allowing the application allows nothing.'),
  rule('dependencies-duplicate', 'warning', 'The same application twice in ApplicationDependencies.',
    'Which of its two lists IIS Manager uses is not documented.'),
  rule('isapiapps-path', 'warning', 'An InProcessIsapiApps item that is not the full path of a DLL.',
    'IIS compares the full path of the extension it loads, so the item matches nothing.'),
  rule('isapiapps-duplicate', 'information', 'The same DLL twice in InProcessIsapiApps.',
    'The second one has no effect.'),
  // Checks across keys (rules/cross): what IIS does with a key given the others.
  rule('scriptmap-not-allowed', 'warning', 'A script map whose processor WebSvcExtRestrictionList does not allow.',
    'IIS answers 404.2 (Not Found, denied by policy) for the extension: unknown ISAPI extensions and CGI programs are prohibited unless /LM/W3SVC lists them with 1.'),
  rule('scriptmap-needs-execute', 'warning', 'A script map without the script flag (1) where AccessFlags lacks AccessExecute.',
    'A mapping without the script flag runs only in directories with Execute permission: requests for the extension answer 403.1 (Execute access forbidden).'),
  rule('scriptmaps-override-drops', 'information', 'A ScriptMaps list that drops mappings of the list it replaces.',
    'A key that sets ScriptMaps replaces the inherited list whole: the extensions it leaves out are no longer mapped below it (often deliberate; often an installer that copied an old list).'),
  rule('apppool-missing', 'error', 'An AppPoolId that names no application pool of the file.',
    'IIS cannot put the application in a pool that does not exist: its requests answer 503 (Service Unavailable).'),
  rule('binding-duplicate', 'error', 'Two started sites with the same binding.',
    'Two sites cannot listen on the same IP address, port and host header: IIS starts one and the other does not start.'),
  rule('approot-mismatch', 'warning', "An AppRoot that is not the key's own Location.",
    'IIS identifies an application by its AppRoot: a copied virtual directory whose AppRoot names another key runs as part of that application, or not as the application it seems to be.'),
  migrationRule('migration-isapi-bitness', 'warning', "An ASP.NET ISAPI whose bitness (Framework or Framework64) does not match its application pool's.",
    "IIS 7+ on 64-bit Windows runs pools 64-bit unless enable32BitAppOnWin64 is set: a 32-bit DLL in a 64-bit pool (or the reverse) fails with '%1 is not a valid Win32 application'."),
  migrationRule('migration-machine-path', 'warning', 'A script processor path tied to this machine (C:\\WINNT, %windir%, %systemdrive%).',
    'The new server has another Windows folder or drive: Web Deploy expands some variables and not others, and a C:\\WINNT path does not exist on IIS 7+.'),
  migrationRule('migration-processor-outside-content', 'information', "A script processor outside the site's content and outside Windows.",
    'Web Deploy copies the content, not the programs a script map names: the DLL or EXE must be installed on the new server at the same path.'),
  migrationRule('migration-wildcard-checks-lost', 'warning', 'A wildcard map that relies on "Verify that file exists" or the script permission check.',
    'An IIS 7+ wildcard handler cannot carry resourceType or requireAccess (KB 2725025): the checks of flags 4 and 1 are lost.'),
  migrationRule('migration-duplicate-site-name', 'warning', 'Two web sites with the same ServerComment.',
    'IIS 7+ site names are unique: the migration renames one of them, and every path and command that names the site by name changes.'),
  migrationRule('migration-non-web-service', 'information', 'FTP, SMTP or NNTP keys, which a web migration leaves out.',
    "Web Deploy's web server migration (webServer60, metaKey=lm/w3svc) moves W3SVC only: these services must be set up again on the new server."),
] as const satisfies readonly Rule[];

export type RuleId = (typeof RULES)[number]['id'];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export function settingName(id: RuleId): string {
  return `iisMetabase.rules.${id}`;
}

/** Where a rule's page is published. */
export const DOCS_BASE = 'https://github.com/iis-metabase/iis-metabase/blob/main/docs/rules/';

export function docsUrl(id: RuleId): string {
  return `${DOCS_BASE}${id}.md`;
}
